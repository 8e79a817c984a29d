#include "engine/preprocessing/max_abs_scaler.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "MaxAbsScaler";
}

const std::vector<ParamSpec>& MaxAbsScaler::paramSpecs() const
{
    // scikit-learn's only parameter is copy, which has no meaning here.
    static const std::vector<ParamSpec> specs;
    return specs;
}

void MaxAbsScaler::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const Eigen::Index d = X.cols();
    m_maxAbs.setConstant(d, std::numeric_limits<double>::quiet_NaN());
    m_scale.resize(d);
    for (Eigen::Index j = 0; j < d; ++j) {
        for (double v : preprocessing::presentValues(X, j))
            if (std::isnan(m_maxAbs(j)) || std::abs(v) > m_maxAbs(j))
                m_maxAbs(j) = std::abs(v);
        m_scale(j) = std::isnan(m_maxAbs(j)) ? m_maxAbs(j) : preprocessing::handleZeroScale(m_maxAbs(j));
    }
    m_fitted = true;
}

Matrix MaxAbsScaler::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    Matrix out = X;
    out.array().rowwise() /= m_scale.transpose().array();
    return out;
}

Matrix MaxAbsScaler::inverseTransform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_scale.size(), kOwner);
    Matrix out = X;
    out.array().rowwise() *= m_scale.transpose().array();
    return out;
}

void MaxAbsScaler::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["max_abs"] = vectorToJson(m_maxAbs);
    out["scale"] = vectorToJson(m_scale);
}

void MaxAbsScaler::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_maxAbs.resize(0);
        m_scale.resize(0);
        return;
    }
    Vector maxAbs = vectorFromJson(in, "max_abs", kOwner);
    Vector scale = vectorFromJson(in, "scale", kOwner, maxAbs.size());
    if (maxAbs.size() < 1 || (maxAbs.array() < 0).any() || (scale.array() <= 0).any() || scale.array().isInf().any())
        throwDamagedState(kOwner, "'max_abs' must hold non-negative numbers and 'scale' positive ones");
    m_maxAbs = std::move(maxAbs);
    m_scale = std::move(scale);
    m_fitted = true;
}

}  // namespace dslab
