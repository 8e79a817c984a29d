// SelectFromModel (scikit-learn): fit the estimator once and keep the columns
// whose importance (|coef| or feature importances) is at least `threshold`
// (default: the mean importance), optionally at most max_features of them.
#pragma once

#include "engine/feature_selection/feature_selector.h"

namespace dslab {

class SelectFromModel : public FeatureSelector {
public:
    std::string typeName() const override { return "SelectFromModel"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    const Vector& importances() const { return m_importances; }
    double thresholdUsed() const { return m_threshold; }

protected:
    std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    Vector m_importances;
    double m_threshold = 0;
};

}  // namespace dslab
