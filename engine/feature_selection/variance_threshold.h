// VarianceThreshold (scikit-learn): drops columns whose variance is not above
// `threshold` (by default the constant ones), without looking at the target.
#pragma once

#include "engine/feature_selection/feature_selector.h"

namespace dslab {

class VarianceThreshold : public FeatureSelector {
public:
    std::string typeName() const override { return "VarianceThreshold"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    const Vector& variances() const { return m_variances; }

protected:
    std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    void saveExtra(nlohmann::json& out) const override;
    void loadExtra(const nlohmann::json& in) override;

private:
    Vector m_variances;
};

}  // namespace dslab
