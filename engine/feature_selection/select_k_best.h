// SelectKBest (scikit-learn): keeps the k features with the highest
// univariate score against the class target: f_classif (ANOVA F), chi2 (for
// non-negative counts) or mutual_info_classif (also catches non-linear
// dependence). Ties are broken as scikit-learn does (the later column wins).
#pragma once

#include "engine/feature_selection/feature_selector.h"

namespace dslab {

class SelectKBest : public FeatureSelector {
public:
    std::string typeName() const override { return "SelectKBest"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    const Vector& scores() const { return m_scores; }
    const Vector& pValues() const { return m_pValues; }

protected:
    // With k above the number of features, every feature is kept (scikit-learn 1.2 warns).
    std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    Vector m_scores, m_pValues;
};

}  // namespace dslab
