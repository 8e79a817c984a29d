#include "engine/explain/tree_shap.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/models/trees/tree_model.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dslab {

namespace {

// One tree ready for explaining: the leaf values already multiplied by the
// tree's weight (or turned into a weighted one-hot vote for AdaBoost), so the
// walks below never ask how the model combines its trees.
struct PreparedTree {
    const TreeArrays* tree = nullptr;
    std::vector<double> leafValues;  // nodeCount * width
    std::vector<double> coverShare;  // per node: its share of its parent's cover
    int column = 0;
    int width = 1;
    int depth = 0;
};

struct PreparedModel {
    std::vector<PreparedTree> trees;
    std::vector<double> base;
    int maxDepth = 0;
};

// Share of the node's cover that goes to `child` (an even split when a node
// has no recorded cover, so an empty node cannot divide by zero).
double coverFraction(const TreeArrays& tree, int node, int child)
{
    const double parent = tree.cover[static_cast<std::size_t>(node)];
    if (!(parent > 0))
        return 0.5;
    return tree.cover[static_cast<std::size_t>(child)] / parent;
}

PreparedModel prepare(const TreeModel& model, const Matrix& X, const char* who)
{
    PreparedModel out;
    out.base = model.baseValue();
    if (out.base.empty())
        throw NotFittedError(std::string(who) + ": the model is not fitted; fit it before explaining it");
    if (X.rows() == 0)
        throw DataError(std::string(who) + ": there are no rows to explain");
    if (!X.allFinite())
        throw DataError(std::string(who) + ": the rows hold missing or infinite values; impute them as for predict");
    const bool vote = model.outputLink() == TreeOutputLink::SammeVote;
    const auto& trees = model.trees();
    const auto outputs = static_cast<int>(out.base.size());
    out.trees.reserve(trees.size());
    for (std::size_t t = 0; t < trees.size(); ++t) {
        const TreeArrays& tree = trees[t];
        PreparedTree p;
        p.tree = &tree;
        p.column = model.treeColumn(t);
        p.width = vote ? outputs : tree.nOutputs;
        if (p.column < 0 || p.column + p.width > outputs)
            throw FormatError(std::string(who) + ": tree " + std::to_string(t) + " writes outside the model's outputs");
        for (int f : tree.feature)
            if (f >= X.cols())
                throw DataError(std::string(who) + ": the model splits on feature " + std::to_string(f) + " but the rows have "
                                + std::to_string(X.cols()) + " columns; pass the features the model was fitted on");
        const double w = model.treeWeight(t);
        p.leafValues.assign(static_cast<std::size_t>(tree.nodeCount()) * static_cast<std::size_t>(p.width), 0.0);
        for (int node = 0; node < tree.nodeCount(); ++node) {
            if (!tree.isLeaf(node))
                continue;
            double* dst = p.leafValues.data() + static_cast<std::size_t>(node) * static_cast<std::size_t>(p.width);
            const double* v = tree.valueOf(node);
            if (vote) {
                // SAMME: the tree adds its weight to its most likely class only.
                dst[std::max_element(v, v + tree.nOutputs) - v] = w;
            } else {
                for (int k = 0; k < p.width; ++k)
                    dst[k] = w * v[k];
            }
        }
        p.coverShare.assign(static_cast<std::size_t>(tree.nodeCount()), 1.0);
        for (int node = 0; node < tree.nodeCount(); ++node)
            if (!tree.isLeaf(node))
                for (int child : {tree.left[static_cast<std::size_t>(node)], tree.right[static_cast<std::size_t>(node)]})
                    p.coverShare[static_cast<std::size_t>(child)] = coverFraction(tree, node, child);
        p.depth = tree.depth();
        out.maxDepth = std::max(out.maxDepth, p.depth);
        out.trees.push_back(std::move(p));
    }
    return out;
}

int leafOf(const TreeArrays& tree, const double* x, Eigen::Index stride)
{
    int node = 0;
    while (!tree.isLeaf(node)) {
        const auto n = static_cast<std::size_t>(node);
        node = x[tree.feature[n] * stride] <= tree.threshold[n] ? tree.left[n] : tree.right[n];
    }
    return node;
}

// Cover-weighted mean of the leaf values below `node`: the path-dependent
// value of the empty coalition, computed with the same fractions as the walk.
void expectedBelow(const PreparedTree& p, int node, double fraction, std::vector<double>& out)
{
    const TreeArrays& tree = *p.tree;
    if (tree.isLeaf(node)) {
        const double* v = p.leafValues.data() + static_cast<std::size_t>(node) * static_cast<std::size_t>(p.width);
        for (int k = 0; k < p.width; ++k)
            out[static_cast<std::size_t>(p.column + k)] += fraction * v[k];
        return;
    }
    const auto n = static_cast<std::size_t>(node);
    expectedBelow(p, tree.left[n], fraction * coverFraction(tree, node, tree.left[n]), out);
    expectedBelow(p, tree.right[n], fraction * coverFraction(tree, node, tree.right[n]), out);
}

// ---- path-dependent TreeSHAP ----------------------------------------------

// One feature on the current root-to-leaf path: the fraction of the subsets
// that pass when the feature is out of the coalition (zero: the cover share
// of the branches taken) or in it (one: 1 if the path follows the row's
// branch, else 0), and the weight of the subsets of each size.
struct PathElement {
    int feature;
    double zero;
    double one;
    double weight;
};

// The ratios of small integers the path updates need, looked up rather than
// divided (the walk's inner loops are where TreeSHAP spends its time).
class PathRatios {
public:
    explicit PathRatios(int maxDepth)
        : m_size(maxDepth + 2)
    {
        const auto n = static_cast<std::size_t>(m_size) * static_cast<std::size_t>(m_size);
        m_up.assign(n, 0.0);
        m_down.assign(n, 0.0);
        m_upInverse.assign(n, 0.0);
        m_downInverse.assign(n, 0.0);
        for (int d = 0; d < m_size; ++d)
            for (int i = 0; i < d; ++i) {
                const std::size_t k = index(d, i);
                m_up[k] = (i + 1.0) / (d + 1.0);
                m_down[k] = (d - i + 0.0) / (d + 1.0);
                m_upInverse[k] = (d + 1.0) / (i + 1.0);
                m_downInverse[k] = (d + 1.0) / (d - i + 0.0);
            }
    }
    const double* up(int d) const { return m_up.data() + index(d, 0); }                  // (i + 1) / (d + 1)
    const double* down(int d) const { return m_down.data() + index(d, 0); }              // (d - i) / (d + 1)
    const double* upInverse(int d) const { return m_upInverse.data() + index(d, 0); }    // (d + 1) / (i + 1)
    const double* downInverse(int d) const { return m_downInverse.data() + index(d, 0); }  // (d + 1) / (d - i)

private:
    std::size_t index(int d, int i) const
    {
        return static_cast<std::size_t>(d) * static_cast<std::size_t>(m_size) + static_cast<std::size_t>(i);
    }
    int m_size;
    std::vector<double> m_up, m_down, m_upInverse, m_downInverse;
};

// Adds a feature to the path: every subset size splits into "without it"
// (weighted by zero) and "with it" (weighted by one).
void extendPath(PathElement* path, int depth, double zero, double one, int feature, const PathRatios& r)
{
    path[depth] = {feature, zero, one, depth == 0 ? 1.0 : 0.0};
    const double* up = r.up(depth);
    const double* down = r.down(depth);
    for (int i = depth - 1; i >= 0; --i) {
        path[i + 1].weight += one * path[i].weight * up[i];
        path[i].weight = zero * path[i].weight * down[i];
    }
}

// Removes element `index` from the path, undoing its extendPath.
void unwindPath(PathElement* path, int depth, int index, const PathRatios& r)
{
    const double one = path[index].one;
    const double zero = path[index].zero;
    const double* down = r.down(depth);
    if (one != 0) {
        const double* upInverse = r.upInverse(depth);
        const double oneInverse = 1.0 / one;
        double next = path[depth].weight;
        for (int i = depth - 1; i >= 0; --i) {
            const double kept = path[i].weight;
            path[i].weight = next * upInverse[i] * oneInverse;
            next = kept - path[i].weight * zero * down[i];
        }
    } else {
        const double* downInverse = r.downInverse(depth);
        for (int i = depth - 1; i >= 0; --i)
            path[i].weight = path[i].weight * downInverse[i] / zero;
    }
    for (int i = index; i < depth; ++i) {
        path[i].feature = path[i + 1].feature;
        path[i].zero = path[i + 1].zero;
        path[i].one = path[i + 1].one;
    }
}

// Total weight the path would have without element `index`, without changing it.
double unwoundWeightSum(const PathElement* path, int depth, int index, const PathRatios& r)
{
    const double one = path[index].one;
    const double zero = path[index].zero;
    double total = 0;
    if (one != 0) {
        const double* upInverse = r.upInverse(depth);
        const double* down = r.down(depth);
        const double oneInverse = 1.0 / one;
        double next = path[depth].weight;
        for (int i = depth - 1; i >= 0; --i) {
            const double w = next * upInverse[i] * oneInverse;
            total += w;
            next = path[i].weight - w * zero * down[i];
        }
        return total;
    }
    const double* downInverse = r.downInverse(depth);
    for (int i = depth - 1; i >= 0; --i)
        total += path[i].weight * downInverse[i];
    return total / zero;
}

struct PathWalk {
    const PreparedTree* p;
    const PathRatios* ratios;
    const double* x;
    Eigen::Index stride;
    double* phi;  // features x outputs, row-major by feature
    int outputs;
};

void walkPath(const PathWalk& w, int node, PathElement* parentPath, int depth, double zero, double one, int feature)
{
    // Each level works on its own copy of the path, so the cold branch sees
    // the path as it was before the hot branch changed it.
    PathElement* path = parentPath + depth + 1;
    std::copy(parentPath, parentPath + depth + 1, path);
    extendPath(path, depth, zero, one, feature, *w.ratios);

    const TreeArrays& tree = *w.p->tree;
    if (tree.isLeaf(node)) {
        const double* v = w.p->leafValues.data() + static_cast<std::size_t>(node) * static_cast<std::size_t>(w.p->width);
        for (int i = 1; i <= depth; ++i) {
            const double scale = unwoundWeightSum(path, depth, i, *w.ratios) * (path[i].one - path[i].zero);
            double* out = w.phi + static_cast<std::size_t>(path[i].feature) * static_cast<std::size_t>(w.outputs) + w.p->column;
            for (int k = 0; k < w.p->width; ++k)
                out[k] += scale * v[k];
        }
        return;
    }
    const auto n = static_cast<std::size_t>(node);
    const int split = tree.feature[n];
    const bool goesLeft = w.x[split * w.stride] <= tree.threshold[n];
    const int hot = goesLeft ? tree.left[n] : tree.right[n];
    const int cold = goesLeft ? tree.right[n] : tree.left[n];

    // A feature met again on the path: its earlier fractions carry over and it
    // is counted once.
    double incomingZero = 1;
    double incomingOne = 1;
    int k = 1;
    while (k <= depth && path[k].feature != split)
        ++k;
    if (k <= depth) {
        incomingZero = path[k].zero;
        incomingOne = path[k].one;
        unwindPath(path, depth, k, *w.ratios);
        --depth;
    }
    // A branch that no coalition reaches adds nothing (and would divide by zero later).
    const double hotZero = w.p->coverShare[static_cast<std::size_t>(hot)] * incomingZero;
    if (hotZero > 0 || incomingOne != 0)
        walkPath(w, hot, path, depth + 1, hotZero, incomingOne, split);
    const double coldZero = w.p->coverShare[static_cast<std::size_t>(cold)] * incomingZero;
    if (coldZero > 0)
        walkPath(w, cold, path, depth + 1, coldZero, 0.0, split);
}

ShapValues emptyResult(Eigen::Index rows, Eigen::Index features, std::size_t outputs)
{
    ShapValues r;
    r.values.assign(outputs, Matrix::Zero(rows, features));
    r.expectedValue.assign(outputs, 0.0);
    return r;
}

// ---- interventional TreeSHAP ----------------------------------------------

// The game of one foreground row x against one background row z: a leaf
// counts when every feature on which x and z part ways along its path is in
// the coalition (if the path follows x) or out of it (if it follows z).
// Its Shapley values have a closed form in the two counts.
struct PairWalk {
    const PreparedTree* p;
    const double* x;
    const double* z;
    Eigen::Index xStride;
    Eigen::Index zStride;
    const std::vector<double>* factorial;
    std::vector<signed char>* side;  // per feature: 0 undecided, 1 follows x, -1 follows z
    std::vector<int>* decided;       // features decided on this path, in order
    double* phi;
    int outputs;
};

void walkPair(const PairWalk& w, int node, int followsX, int followsZ)
{
    const TreeArrays& tree = *w.p->tree;
    if (tree.isLeaf(node)) {
        if (followsX + followsZ == 0)
            return;  // reached by x and z alike: no feature changes it
        const auto& f = *w.factorial;
        const double total = f[static_cast<std::size_t>(followsX + followsZ)];
        const double inWeight = followsX > 0 ? f[static_cast<std::size_t>(followsX - 1)] * f[static_cast<std::size_t>(followsZ)] / total : 0;
        const double outWeight = followsZ > 0 ? f[static_cast<std::size_t>(followsX)] * f[static_cast<std::size_t>(followsZ - 1)] / total : 0;
        const double* v = w.p->leafValues.data() + static_cast<std::size_t>(node) * static_cast<std::size_t>(w.p->width);
        for (int feature : *w.decided) {
            const double scale = (*w.side)[static_cast<std::size_t>(feature)] > 0 ? inWeight : -outWeight;
            double* out = w.phi + static_cast<std::size_t>(feature) * static_cast<std::size_t>(w.outputs) + w.p->column;
            for (int k = 0; k < w.p->width; ++k)
                out[k] += scale * v[k];
        }
        return;
    }
    const auto n = static_cast<std::size_t>(node);
    const int split = tree.feature[n];
    const bool xLeft = w.x[split * w.xStride] <= tree.threshold[n];
    const bool zLeft = w.z[split * w.zStride] <= tree.threshold[n];
    const int xChild = xLeft ? tree.left[n] : tree.right[n];
    const int zChild = zLeft ? tree.left[n] : tree.right[n];
    auto& side = (*w.side)[static_cast<std::size_t>(split)];
    if (xLeft == zLeft) {
        walkPair(w, xChild, followsX, followsZ);
    } else if (side != 0) {
        walkPair(w, side > 0 ? xChild : zChild, followsX, followsZ);
    } else {
        w.decided->push_back(split);
        side = 1;
        walkPair(w, xChild, followsX + 1, followsZ);
        side = -1;
        walkPair(w, zChild, followsX, followsZ + 1);
        side = 0;
        w.decided->pop_back();
    }
}

}  // namespace

Matrix treeModelRawOutput(const TreeModel& model, const Matrix& X)
{
    const PreparedModel m = prepare(model, X, "treeModelRawOutput");
    const auto outputs = static_cast<Eigen::Index>(m.base.size());
    Matrix out(X.rows(), outputs);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        for (Eigen::Index k = 0; k < outputs; ++k)
            out(i, k) = m.base[static_cast<std::size_t>(k)];
        for (const auto& p : m.trees) {
            const int leaf = leafOf(*p.tree, X.data() + i, X.rows());
            const double* v = p.leafValues.data() + static_cast<std::size_t>(leaf) * static_cast<std::size_t>(p.width);
            for (int k = 0; k < p.width; ++k)
                out(i, p.column + k) += v[k];
        }
    }
    return out;
}

ShapValues treeShap(const TreeModel& model, const Matrix& X, int threads)
{
    const PreparedModel m = prepare(model, X, "TreeSHAP");
    const std::size_t outputs = m.base.size();
    const Eigen::Index features = X.cols();
    ShapValues result = emptyResult(X.rows(), features, outputs);
    result.expectedValue = m.base;
    for (const auto& p : m.trees)
        expectedBelow(p, 0, 1.0, result.expectedValue);

    const PathRatios ratios(m.maxDepth);
    // Level d of the walk keeps its path at offset d(d+1)/2 of one buffer.
    const auto pathSlots = static_cast<std::size_t>((m.maxDepth + 2) * (m.maxDepth + 3) / 2);
    parallelFor(0, static_cast<std::size_t>(X.rows()), threads, [&](std::size_t row) {
        const auto i = static_cast<Eigen::Index>(row);
        std::vector<PathElement> path(pathSlots);
        std::vector<double> phi(static_cast<std::size_t>(features) * outputs, 0.0);
        for (const auto& p : m.trees) {
            if (p.tree->isLeaf(0))
                continue;  // a single leaf is all expected value
            PathWalk w{&p, &ratios, X.data() + i, X.rows(), phi.data(), static_cast<int>(outputs)};
            walkPath(w, 0, path.data(), 0, 1.0, 1.0, -1);
        }
        for (Eigen::Index f = 0; f < features; ++f)
            for (std::size_t k = 0; k < outputs; ++k)
                result.values[k](i, f) = phi[static_cast<std::size_t>(f) * outputs + k];
    });
    return result;
}

ShapValues interventionalTreeShap(const TreeModel& model, const Matrix& X, const Matrix& background, int threads)
{
    const PreparedModel m = prepare(model, X, "interventional TreeSHAP");
    if (background.rows() == 0)
        throw DataError("interventional TreeSHAP: the background set is empty; pass some training rows");
    if (background.cols() != X.cols())
        throw DataError("interventional TreeSHAP: the background rows have " + std::to_string(background.cols())
                        + " columns but the rows to explain have " + std::to_string(X.cols()));
    if (!background.allFinite())
        throw DataError("interventional TreeSHAP: the background rows hold missing or infinite values");
    const std::size_t outputs = m.base.size();
    const Eigen::Index features = X.cols();
    ShapValues result = emptyResult(X.rows(), features, outputs);
    const Matrix backgroundOutput = treeModelRawOutput(model, background);
    for (std::size_t k = 0; k < outputs; ++k)
        result.expectedValue[k] = backgroundOutput.col(static_cast<Eigen::Index>(k)).mean();

    std::vector<double> factorial(static_cast<std::size_t>(m.maxDepth + 2), 1.0);
    for (std::size_t i = 1; i < factorial.size(); ++i)
        factorial[i] = factorial[i - 1] * static_cast<double>(i);
    const double scale = 1.0 / static_cast<double>(background.rows());
    parallelFor(0, static_cast<std::size_t>(X.rows()), threads, [&](std::size_t row) {
        const auto i = static_cast<Eigen::Index>(row);
        std::vector<double> phi(static_cast<std::size_t>(features) * outputs, 0.0);
        std::vector<signed char> side(static_cast<std::size_t>(features), 0);
        std::vector<int> decided;
        decided.reserve(static_cast<std::size_t>(m.maxDepth) + 1);
        for (Eigen::Index b = 0; b < background.rows(); ++b)
            for (const auto& p : m.trees) {
                PairWalk w{&p, X.data() + i, background.data() + b, X.rows(), background.rows(), &factorial, &side,
                           &decided, phi.data(), static_cast<int>(outputs)};
                walkPair(w, 0, 0, 0);
            }
        for (Eigen::Index f = 0; f < features; ++f)
            for (std::size_t k = 0; k < outputs; ++k)
                result.values[k](i, f) = scale * phi[static_cast<std::size_t>(f) * outputs + k];
    });
    return result;
}

}  // namespace dslab
