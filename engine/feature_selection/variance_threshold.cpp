#include "engine/feature_selection/variance_threshold.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <nlohmann/json.hpp>

namespace dslab {

const std::vector<ParamSpec>& VarianceThreshold::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("threshold", 0.0, 0.0, 1e300, "Keep columns whose variance is above this (0 drops constant columns)"),
    };
    return specs;
}

std::vector<Eigen::Index> VarianceThreshold::selectColumns(const Matrix& X, const Vector*, TrainContext&)
{
    requireFiniteFeatures(X, typeName());
    const double threshold = paramDouble("threshold");
    const Eigen::RowVectorXd mean = X.colwise().mean();
    m_variances = (X.rowwise() - mean).array().square().colwise().mean().transpose();
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        if (m_variances(j) > threshold)
            kept.push_back(j);
    if (kept.empty())
        throw DataError("VarianceThreshold: no column has a variance above " + std::to_string(threshold)
                        + "; lower the threshold");
    return kept;
}

void VarianceThreshold::saveExtra(nlohmann::json& out) const
{
    out["variances"] = vectorToJson(m_variances);
}

void VarianceThreshold::loadExtra(const nlohmann::json& in)
{
    m_variances = vectorFromJson(in, "variances", typeName());
}

}  // namespace dslab
