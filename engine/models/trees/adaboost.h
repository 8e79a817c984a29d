// AdaBoost with the SAMME algorithm (scikit-learn's AdaBoostClassifier,
// algorithm="SAMME"): shallow CART trees (stumps by default) fitted one
// after another on reweighted rows, each round reported, for the
// bagging-vs-boosting lesson.
#pragma once

#include "engine/models/trees/tree_estimator.h"

namespace dslab {

class AdaBoostClassifier : public TreeBasedEstimator {
public:
    std::string typeName() const override { return "AdaBoostClassifier"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
    // scikit-learn's decision_function: one column for two classes, else one per class.
    Matrix decisionFunction(const Matrix& X) const;

    // Weighted training error of each round's tree (estimator_errors_).
    const std::vector<double>& estimatorErrors() const { return m_errors; }
    TreeOutputLink outputLink() const override { return TreeOutputLink::SammeVote; }
    // Importances of the trees averaged with their weights (scikit-learn's definition).
    std::vector<double> featureImportances() const override;

protected:
    bool votesInCompiledForm() const override { return true; }
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    std::vector<double> m_errors;
};

}  // namespace dslab
