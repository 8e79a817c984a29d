// DummyClassifier (scikit-learn 1.2's): a classifier that ignores the
// features, the baseline every real model must beat. Strategies:
//   prior          predicts the most frequent class; predict_proba returns
//                  the training class frequencies for every row (the default)
//   most_frequent  predicts the most frequent class; predict_proba is one-hot on it
//   stratified     draws each row's class from the training frequencies;
//                  predict_proba is that draw as a one-hot row
//   uniform        draws each row's class uniformly; predict_proba is 1/K
//   constant       always predicts `constant` (a label seen in training)
// The random strategies draw from the seed fixed at fit time (random_state,
// else the training seed), afresh on each call, so the same rows always get
// the same answers, as scikit-learn with an integer random_state.
#pragma once

#include "engine/core/component.h"

#include <cstdint>

namespace dslab {

class DummyClassifier final : public Estimator {
public:
    std::string typeName() const override { return "DummyClassifier"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    bool isFitted() const override { return m_fitted; }
    // Throws ParamError for strategy "constant" without a constant, or with
    // one that is not a training label.
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
    const std::vector<double>& classes() const override { return m_classes; }
    // class_prior_: the share of each class in the training rows.
    const Vector& classPrior() const { return m_prior; }
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Eigen::Index mostFrequent() const;
    // One-hot rows drawn from the prior (stratified), from the fitted seed.
    Matrix drawnRows(Eigen::Index rows) const;

    bool m_fitted = false;
    std::vector<double> m_classes;
    Vector m_prior;
    std::string m_strategy;
    double m_constant = 0;
    std::uint64_t m_seed = 0;
};

}  // namespace dslab
