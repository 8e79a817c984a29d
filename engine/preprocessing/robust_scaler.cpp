#include "engine/preprocessing/robust_scaler.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "RobustScaler";
}

const std::vector<ParamSpec>& RobustScaler::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::boolean("with_centering", true, "Subtract each column's median"),
        ParamSpec::boolean("with_scaling", true, "Divide each column by its quantile range (the IQR by default)"),
        ParamSpec::floating("quantile_min", 25.0, 0.0, 100.0, "Lower percentile of the range used to scale (quantile_range[0])"),
        ParamSpec::floating("quantile_max", 75.0, 0.0, 100.0, "Upper percentile of the range used to scale (quantile_range[1])"),
    };
    return specs;
}

void RobustScaler::fit(const Matrix& X, const Vector*, TrainContext&)
{
    const double qMin = paramDouble("quantile_min"), qMax = paramDouble("quantile_max");
    if (qMin > qMax)
        throw ParamError(std::string(kOwner) + ": quantile_min (" + std::to_string(qMin)
                         + ") must not be larger than quantile_max (" + std::to_string(qMax) + ")");
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const Eigen::Index d = X.cols();
    m_center.resize(d);
    m_scale.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) {
        std::vector<double> v = preprocessing::presentValues(X, j);
        std::sort(v.begin(), v.end());
        m_center(j) = preprocessing::percentileSorted(v, 50.0);
        const double range = preprocessing::percentileSorted(v, qMax) - preprocessing::percentileSorted(v, qMin);
        m_scale(j) = std::isnan(range) ? range : preprocessing::handleZeroScale(range);
    }
    m_fitted = true;
}

Matrix RobustScaler::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    Matrix out = X;
    if (paramBool("with_centering"))
        out.rowwise() -= m_center.transpose();
    if (paramBool("with_scaling"))
        out.array().rowwise() /= m_scale.transpose().array();
    return out;
}

Matrix RobustScaler::inverseTransform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    Matrix out = X;
    if (paramBool("with_scaling"))
        out.array().rowwise() *= m_scale.transpose().array();
    if (paramBool("with_centering"))
        out.rowwise() += m_center.transpose();
    return out;
}

void RobustScaler::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["center"] = vectorToJson(m_center);
    out["scale"] = vectorToJson(m_scale);
}

void RobustScaler::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_center.resize(0);
        m_scale.resize(0);
        return;
    }
    Vector center = vectorFromJson(in, "center", kOwner);
    Vector scale = vectorFromJson(in, "scale", kOwner, center.size());
    if (center.size() < 1 || (scale.array() <= 0).any() || scale.array().isInf().any())
        throwDamagedState(kOwner, "'scale' must hold positive numbers");
    m_center = std::move(center);
    m_scale = std::move(scale);
    m_fitted = true;
}

}  // namespace dslab
