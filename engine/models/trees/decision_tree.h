// Single CART decision trees, scikit-learn's DecisionTreeClassifier and
// DecisionTreeRegressor: exact (sorted) split search, gini / entropy /
// squared_error, the usual stopping rules, impurity-based importances. A seed
// draws features like random_state does, so trees match scikit-learn's, except
// where its float32 copy of X rounds values that double precision tells apart.
#pragma once

#include "engine/models/trees/tree_estimator.h"

namespace dslab {

class DecisionTreeClassifier : public TreeBasedEstimator {
public:
    std::string typeName() const override { return "DecisionTreeClassifier"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;

    const TreeArrays& tree() const { return onlyTree(); }
    TreeOutputLink outputLink() const override { return TreeOutputLink::Identity; }
    std::vector<double> featureImportances() const override { return treeImportances(onlyTree()); }
};

class DecisionTreeRegressor : public TreeBasedEstimator {
public:
    std::string typeName() const override { return "DecisionTreeRegressor"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return false; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predict(const Matrix& X) const override;

    const TreeArrays& tree() const { return onlyTree(); }
    TreeOutputLink outputLink() const override { return TreeOutputLink::Identity; }
    std::vector<double> featureImportances() const override { return treeImportances(onlyTree()); }
};

// Labels of the most likely class per row (the first class on ties, as numpy's argmax).
Vector argmaxLabels(const Matrix& proba, const std::vector<double>& classes);

}  // namespace dslab
