// What tree drawing and TreeSHAP need from any fitted tree model: its trees
// (flat arrays) and how their leaf values add up to the model's raw output,
// without knowing which model it is.
#pragma once

#include "engine/models/trees/tree_arrays.h"

#include <vector>

namespace dslab {

// How the raw output (base value + weighted leaf values) becomes a prediction.
enum class TreeOutputLink {
    Identity,   // raw output is the prediction (regression) or the class probabilities (trees, forests)
    Logistic,   // one margin column; P(class 1) = 1 / (1 + exp(-margin))
    Softmax,    // one margin column per class
    SammeVote,  // each tree votes for its most likely class with its weight (AdaBoost)
};

class TreeModel {
public:
    virtual ~TreeModel() = default;
    virtual const std::vector<TreeArrays>& trees() const = 0;
    // raw(i, treeColumn(t) + k) += treeWeight(t) * value_k(leaf of row i in tree t)
    virtual double treeWeight(std::size_t t) const = 0;
    virtual int treeColumn(std::size_t t) const = 0;
    virtual const std::vector<double>& baseValue() const = 0;
    virtual TreeOutputLink outputLink() const = 0;
    // Normalized to sum to 1 (scikit-learn's feature_importances_).
    virtual std::vector<double> featureImportances() const = 0;
};

}  // namespace dslab
