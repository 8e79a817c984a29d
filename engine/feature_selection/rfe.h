// RFE, recursive feature elimination (scikit-learn): fit the estimator, drop
// the `step` least important columns (by |coef| or feature importances), and
// repeat on the rest until n_features_to_select remain. ranking gives 1 to
// the kept columns and higher numbers to those dropped earlier.
#pragma once

#include "engine/feature_selection/feature_selector.h"

namespace dslab {

class Rfe : public FeatureSelector {
public:
    std::string typeName() const override { return "RFE"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    const std::vector<int>& ranking() const { return m_ranking; }

protected:
    std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    std::vector<int> m_ranking;
};

}  // namespace dslab
