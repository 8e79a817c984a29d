// Random forests (scikit-learn's RandomForestClassifier / RandomForestRegressor):
// bootstrap samples, random feature subsets per split, trees grown in parallel
// on histograms of binned features. Finished trees are reported in tree order
// (OOB error vs trees, live), and each tree's randomness comes from the seed
// and its index, so any thread count gives the same forest.
#pragma once

#include "engine/models/trees/tree_estimator.h"

#include <limits>

namespace dslab {

class RandomForestBase : public TreeBasedEstimator {
public:
    // Out-of-bag accuracy (classifier) or R² (regressor); NaN without oob_score.
    double oobScore() const { return m_oobScore; }
    double treeWeight(std::size_t t) const override;
    TreeOutputLink outputLink() const override { return TreeOutputLink::Identity; }
    // Mean of the trees' normalized impurity importances (scikit-learn's definition).
    std::vector<double> featureImportances() const override;

protected:
    void fitForest(const Matrix& X, const Vector& y, TrainContext& ctx);
    // The average of the trees' values: class proportions or predicted targets.
    Matrix averagedOutput(const Matrix& X) const;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    double m_oobScore = std::numeric_limits<double>::quiet_NaN();
};

class RandomForestClassifier : public RandomForestBase {
public:
    std::string typeName() const override { return "RandomForestClassifier"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override { fitForest(X, y, ctx); }
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
};

class RandomForestRegressor : public RandomForestBase {
public:
    std::string typeName() const override { return "RandomForestRegressor"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return false; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override { fitForest(X, y, ctx); }
    Vector predict(const Matrix& X) const override;
};

}  // namespace dslab
