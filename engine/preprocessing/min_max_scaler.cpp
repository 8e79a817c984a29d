#include "engine/preprocessing/min_max_scaler.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "MinMaxScaler";
}

const std::vector<ParamSpec>& MinMaxScaler::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("feature_range_min", 0.0, -1e300, 1e300, "Lower end of the output range (feature_range[0])"),
        ParamSpec::floating("feature_range_max", 1.0, -1e300, 1e300, "Upper end of the output range (feature_range[1])"),
        ParamSpec::boolean("clip", false, "Clip transformed values of new data to the output range"),
    };
    return specs;
}

void MinMaxScaler::fit(const Matrix& X, const Vector*, TrainContext&)
{
    const double lo = paramDouble("feature_range_min"), hi = paramDouble("feature_range_max");
    if (!(lo < hi))
        throw ParamError(std::string(kOwner) + ": feature_range_min (" + std::to_string(lo)
                         + ") must be smaller than feature_range_max (" + std::to_string(hi) + ")");
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const Eigen::Index d = X.cols();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m_dataMin.setConstant(d, nan);
    m_dataMax.setConstant(d, nan);
    m_scale.resize(d);
    m_min.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) {
        const std::vector<double> v = preprocessing::presentValues(X, j);
        if (!v.empty()) {
            const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
            m_dataMin(j) = *mn;
            m_dataMax(j) = *mx;
        }
        const double range = m_dataMax(j) - m_dataMin(j);
        // NaN range (an all-missing column) stays NaN, as scikit-learn.
        m_scale(j) = (hi - lo) / (std::isnan(range) ? range : preprocessing::handleZeroScale(range));
        m_min(j) = lo - m_dataMin(j) * m_scale(j);
    }
    m_fitted = true;
}

Matrix MinMaxScaler::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    Matrix out = X;
    out.array().rowwise() *= m_scale.transpose().array();
    out.array().rowwise() += m_min.transpose().array();
    if (paramBool("clip")) {
        const double lo = paramDouble("feature_range_min"), hi = paramDouble("feature_range_max");
        out = out.unaryExpr([lo, hi](double v) { return std::isnan(v) ? v : std::clamp(v, lo, hi); });
    }
    return out;
}

Matrix MinMaxScaler::inverseTransform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    Matrix out = X;
    out.array().rowwise() -= m_min.transpose().array();
    out.array().rowwise() /= m_scale.transpose().array();
    return out;
}

void MinMaxScaler::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["data_min"] = vectorToJson(m_dataMin);
    out["data_max"] = vectorToJson(m_dataMax);
    out["scale"] = vectorToJson(m_scale);
    out["min"] = vectorToJson(m_min);
}

void MinMaxScaler::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_dataMin.resize(0);
        m_dataMax.resize(0);
        m_scale.resize(0);
        m_min.resize(0);
        return;
    }
    Vector dataMin = vectorFromJson(in, "data_min", kOwner);
    Vector dataMax = vectorFromJson(in, "data_max", kOwner, dataMin.size());
    Vector scale = vectorFromJson(in, "scale", kOwner, dataMin.size());
    Vector min = vectorFromJson(in, "min", kOwner, dataMin.size());
    if (dataMin.size() < 1 || scale.array().isInf().any() || (dataMax.array() < dataMin.array()).any())
        throwDamagedState(kOwner, "'data_min' must not exceed 'data_max' and 'scale' must be finite");
    m_dataMin = std::move(dataMin);
    m_dataMax = std::move(dataMax);
    m_scale = std::move(scale);
    m_min = std::move(min);
    m_fitted = true;
}

}  // namespace dslab
