// XGBoost-style gradient boosting (GradientBoostingClassifier /
// GradientBoostingRegressor): second-order boosting of histogram trees on
// binned features, binary logistic, softmax (one tree per class per round)
// or squared error, with a validation set and early stopping. Each round is
// a step the caller can watch, pause or cancel (XGBoost's UpdateOneIter).
#pragma once

#include "engine/models/trees/tree_estimator.h"

namespace dslab {

enum class BoostingObjective { SquaredError, Logistic, Softmax };

class GradientBoostingBase : public TreeBasedEstimator {
public:
    BoostingObjective objective() const { return m_objective; }
    // Rounds kept after early stopping, 0-based like XGBoost's best_iteration
    // (the last round when training ran to the end).
    int bestIteration() const { return m_bestIteration; }
    int roundCount() const;
    TreeOutputLink outputLink() const override;
    // Total split gain per feature, normalized.
    std::vector<double> featureImportances() const override;

protected:
    void fitBoosting(const Matrix& X, const Vector& y, TrainContext& ctx);
    // Margins: one column, or one per class for softmax.
    Matrix margins(const Matrix& X) const;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    BoostingObjective m_objective = BoostingObjective::SquaredError;
    int m_bestIteration = -1;
};

class GradientBoostingClassifier : public GradientBoostingBase {
public:
    std::string typeName() const override { return "GradientBoostingClassifier"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override { fitBoosting(X, y, ctx); }
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
};

class GradientBoostingRegressor : public GradientBoostingBase {
public:
    std::string typeName() const override { return "GradientBoostingRegressor"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return false; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override { fitBoosting(X, y, ctx); }
    Vector predict(const Matrix& X) const override;
};

}  // namespace dslab
