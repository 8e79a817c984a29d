// CorrelationFilter: drops a column when its absolute Pearson correlation
// with a column already kept exceeds `threshold`, scanning columns left to
// right (so the earlier of two near-duplicates stays). Redundant features
// inflate the variance of linear models' coefficients and blur importances.
#pragma once

#include "engine/feature_selection/feature_selector.h"

namespace dslab {

class CorrelationFilter : public FeatureSelector {
public:
    std::string typeName() const override { return "CorrelationFilter"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

protected:
    std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) override;
};

}  // namespace dslab
