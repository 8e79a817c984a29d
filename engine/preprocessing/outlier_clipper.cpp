#include "engine/preprocessing/outlier_clipper.h"

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
const char* const kOwner = "OutlierClipper";
}

const std::vector<ParamSpec>& OutlierClipper::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("method", "iqr", {"iqr", "zscore"},
                          "iqr: Tukey's fences around the quartiles; zscore: mean -/+ threshold standard deviations"),
        ParamSpec::floating("factor", 1.5, 0.0, 1e6, "iqr: how many IQRs beyond the quartiles a value may go"),
        ParamSpec::floating("threshold", 3.0, 0.0, 1e6, "zscore: how many standard deviations from the mean a value may go")
            .exclusiveMin(),
    };
    return specs;
}

void OutlierClipper::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const bool iqr = paramString("method") == "iqr";
    const double factor = paramDouble("factor"), threshold = paramDouble("threshold");
    m_lower.resize(X.cols());
    m_upper.resize(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        std::vector<double> v = preprocessing::presentValues(X, j);
        if (v.empty()) {
            m_lower(j) = m_upper(j) = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (iqr) {
            std::sort(v.begin(), v.end());
            const double q1 = preprocessing::percentileSorted(v, 25.0), q3 = preprocessing::percentileSorted(v, 75.0);
            m_lower(j) = q1 - factor * (q3 - q1);
            m_upper(j) = q3 + factor * (q3 - q1);
        } else {
            double mean = 0;
            for (double x : v)
                mean += x;
            mean /= static_cast<double>(v.size());
            double var = 0;
            for (double x : v)
                var += (x - mean) * (x - mean);
            const double sd = std::sqrt(var / static_cast<double>(v.size()));
            m_lower(j) = mean - threshold * sd;
            m_upper(j) = mean + threshold * sd;
        }
    }
    m_fitted = true;
}

Matrix OutlierClipper::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_lower.size(), kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    Matrix out = X;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        if (std::isnan(m_lower(j)))
            continue;
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            if (!std::isnan(X(i, j)))
                out(i, j) = std::clamp(X(i, j), m_lower(j), m_upper(j));
    }
    return out;
}

void OutlierClipper::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["lower"] = vectorToJson(m_lower);
    out["upper"] = vectorToJson(m_upper);
}

void OutlierClipper::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_lower.resize(0);
        m_upper.resize(0);
        return;
    }
    Vector lower = vectorFromJson(in, "lower", kOwner);
    Vector upper = vectorFromJson(in, "upper", kOwner, lower.size());
    if (lower.size() < 1 || (lower.array() > upper.array()).any() || lower.array().isInf().any()
        || upper.array().isInf().any() || (lower.array().isNaN() != upper.array().isNaN()).any())
        throwDamagedState(kOwner, "'lower' and 'upper' must be finite bounds with lower <= upper");
    m_lower = std::move(lower);
    m_upper = std::move(upper);
    m_fitted = true;
}

}  // namespace dslab
