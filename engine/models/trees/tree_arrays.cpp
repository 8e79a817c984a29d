#include "engine/models/trees/tree_arrays.h"

#include "engine/core/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dslab {

int TreeArrays::depth() const
{
    if (feature.empty())
        return 0;
    // Children come after their parent, so one forward pass sets every depth.
    std::vector<int> d(feature.size(), 0);
    int deepest = 0;
    for (int n = 0; n < nodeCount(); ++n) {
        if (isLeaf(n)) {
            deepest = std::max(deepest, d[static_cast<std::size_t>(n)]);
            continue;
        }
        d[static_cast<std::size_t>(left[static_cast<std::size_t>(n)])] = d[static_cast<std::size_t>(n)] + 1;
        d[static_cast<std::size_t>(right[static_cast<std::size_t>(n)])] = d[static_cast<std::size_t>(n)] + 1;
    }
    return deepest;
}

int TreeArrays::leafCount() const
{
    return static_cast<int>(std::count(left.begin(), left.end(), -1));
}

int TreeArrays::addNode(int nodeSamples, double nodeCover, double nodeImpurity)
{
    const int index = nodeCount();
    feature.push_back(-1);
    threshold.push_back(0.0);
    left.push_back(-1);
    right.push_back(-1);
    value.resize(value.size() + static_cast<std::size_t>(nOutputs), 0.0);
    cover.push_back(nodeCover);
    impurity.push_back(nodeImpurity);
    gain.push_back(0.0);
    samples.push_back(nodeSamples);
    return index;
}

void TreeArrays::setSplit(int node, int splitFeature, double splitThreshold, int leftChild, int rightChild,
                          double splitGain)
{
    const auto n = static_cast<std::size_t>(node);
    feature[n] = splitFeature;
    threshold[n] = splitThreshold;
    left[n] = leftChild;
    right[n] = rightChild;
    gain[n] = splitGain;
}

std::vector<int> TreeArrays::apply(const Matrix& X) const
{
    std::vector<int> leaves(static_cast<std::size_t>(X.rows()), 0);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        int n = 0;
        while (!isLeaf(n)) {
            const auto s = static_cast<std::size_t>(n);
            n = X(i, feature[s]) <= threshold[s] ? left[s] : right[s];
        }
        leaves[static_cast<std::size_t>(i)] = n;
    }
    return leaves;
}

void TreeArrays::addGains(std::vector<double>& importance) const
{
    for (int n = 0; n < nodeCount(); ++n)
        if (!isLeaf(n))
            importance[static_cast<std::size_t>(feature[static_cast<std::size_t>(n)])] += gain[static_cast<std::size_t>(n)];
}

void normalizeImportances(std::vector<double>& importance)
{
    const double total = std::accumulate(importance.begin(), importance.end(), 0.0);
    if (total > 0)
        for (double& v : importance)
            v /= total;
}

void TreeArrays::save(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["n_outputs"] = nOutputs;
    out["feature"] = feature;
    out["threshold"] = threshold;
    out["left"] = left;
    out["right"] = right;
    out["value"] = value;
    out["cover"] = cover;
    out["impurity"] = impurity;
    out["gain"] = gain;
    out["samples"] = samples;
}

namespace {

template <typename T>
void readArray(const nlohmann::json& in, const char* key, std::vector<T>& out)
{
    auto it = in.find(key);
    if (it == in.end() || !it->is_array())
        throw FormatError(std::string("saved tree: '") + key + "' is missing or not an array");
    out.clear();
    out.reserve(it->size());
    for (const auto& v : *it) {
        if (!v.is_number())
            throw FormatError(std::string("saved tree: '") + key + "' holds a value that is not a number");
        if constexpr (std::is_integral_v<T>) {
            if (!v.is_number_integer())
                throw FormatError(std::string("saved tree: '") + key + "' holds a value that is not an integer");
        }
        out.push_back(v.get<T>());
    }
}

}  // namespace

TreeArrays TreeArrays::load(const nlohmann::json& in, int nFeatures, int nOutputs)
{
    if (!in.is_object())
        throw FormatError("saved tree: expected an object with the node arrays");
    TreeArrays t;
    auto k = in.find("n_outputs");
    if (k == in.end() || !k->is_number_integer() || k->get<int>() != nOutputs)
        throw FormatError("saved tree: 'n_outputs' is missing or does not match the model (" + std::to_string(nOutputs)
                          + ")");
    t.nOutputs = nOutputs;
    readArray(in, "feature", t.feature);
    readArray(in, "threshold", t.threshold);
    readArray(in, "left", t.left);
    readArray(in, "right", t.right);
    readArray(in, "value", t.value);
    readArray(in, "cover", t.cover);
    readArray(in, "impurity", t.impurity);
    readArray(in, "gain", t.gain);
    readArray(in, "samples", t.samples);
    t.validate(nFeatures);
    return t;
}

void TreeArrays::validate(int nFeatures) const
{
    const std::size_t n = feature.size();
    if (n == 0)
        throw FormatError("saved tree: a tree needs at least one node");
    if (threshold.size() != n || left.size() != n || right.size() != n || cover.size() != n || impurity.size() != n
        || gain.size() != n || samples.size() != n || value.size() != n * static_cast<std::size_t>(nOutputs))
        throw FormatError("saved tree: the node arrays have different lengths");
    for (std::size_t i = 0; i < n; ++i) {
        const bool leafLeft = left[i] < 0;
        const bool leafRight = right[i] < 0;
        if (leafLeft != leafRight)
            throw FormatError("saved tree: node " + std::to_string(i) + " has only one child");
        if (leafLeft) {
            if (left[i] != -1 || right[i] != -1 || feature[i] != -1)
                throw FormatError("saved tree: leaf " + std::to_string(i) + " has a split feature or a bad child index");
            continue;
        }
        // Children after the parent also rules out cycles.
        if (left[i] <= static_cast<int>(i) || right[i] <= static_cast<int>(i) || left[i] >= static_cast<int>(n)
            || right[i] >= static_cast<int>(n) || left[i] == right[i])
            throw FormatError("saved tree: node " + std::to_string(i) + " has child indices out of range");
        if (feature[i] < 0 || feature[i] >= nFeatures)
            throw FormatError("saved tree: node " + std::to_string(i) + " splits on feature "
                              + std::to_string(feature[i]) + " but the model has " + std::to_string(nFeatures));
        if (!std::isfinite(threshold[i]))
            throw FormatError("saved tree: node " + std::to_string(i) + " has a non-finite threshold");
    }
    // Every node but the root is the child of exactly one node.
    std::vector<int> parents(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (left[i] >= 0) {
            ++parents[static_cast<std::size_t>(left[i])];
            ++parents[static_cast<std::size_t>(right[i])];
        }
    for (std::size_t i = 1; i < n; ++i)
        if (parents[i] != 1)
            throw FormatError("saved tree: node " + std::to_string(i) + " is not reachable exactly once");
    if (parents[0] != 0)
        throw FormatError("saved tree: the root is a child of another node");
}

}  // namespace dslab
