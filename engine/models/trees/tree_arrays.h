// One fitted tree as flat per-node arrays (scikit-learn's tree_ layout and the
// TreeSHAP papers'): every tree model stores its trees this way, so drawing a
// tree, saving it as JSON and explaining it with TreeSHAP walk one format.
#pragma once

#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace dslab {

struct TreeArrays {
    // Values per node: class proportions (classification trees), or 1 (the
    // mean target of a regression tree, or a boosting leaf weight).
    int nOutputs = 1;
    // Node 0 is the root and children always come after their parent.
    std::vector<int> feature;       // split feature, -1 at leaves
    std::vector<double> threshold;  // a row goes left when x[feature] <= threshold (0 at leaves)
    std::vector<int> left;          // child indices, -1 at leaves
    std::vector<int> right;
    std::vector<double> value;      // nodeCount() * nOutputs, row-major by node
    std::vector<double> cover;      // weighted training samples (hessian sum for boosting)
    std::vector<double> impurity;   // node impurity (0 for boosting trees)
    std::vector<double> gain;       // split improvement in cover units (impurity or loss decrease), 0 at leaves
    std::vector<int> samples;       // training rows that reached the node

    int nodeCount() const { return static_cast<int>(feature.size()); }
    bool isLeaf(int node) const { return left[static_cast<std::size_t>(node)] < 0; }
    const double* valueOf(int node) const { return value.data() + static_cast<std::size_t>(node) * nOutputs; }
    double* valueOf(int node) { return value.data() + static_cast<std::size_t>(node) * nOutputs; }
    int depth() const;
    int leafCount() const;

    // Appends a leaf with zero values and returns its index.
    int addNode(int nodeSamples, double nodeCover, double nodeImpurity);
    // Turns a leaf into a split node.
    void setSplit(int node, int splitFeature, double splitThreshold, int leftChild, int rightChild, double splitGain);

    // Leaf reached by row i of X, for every row.
    std::vector<int> apply(const Matrix& X) const;
    // Adds each split's gain to importance[feature].
    void addGains(std::vector<double>& importance) const;

    void save(nlohmann::json& out) const;
    // Throws FormatError naming what is wrong (lengths, child indices, features out of range).
    static TreeArrays load(const nlohmann::json& in, int nFeatures, int nOutputs);
    // The structural checks of load(), for trees built in memory too.
    void validate(int nFeatures) const;
};

// Normalizes importances to sum to 1 (all zero stays zero: a forest of single leaves).
void normalizeImportances(std::vector<double>& importance);

}  // namespace dslab
