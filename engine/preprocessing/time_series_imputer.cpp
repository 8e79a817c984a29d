#include "engine/preprocessing/time_series_imputer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "TimeSeriesImputer";

// Index of the last observed value at or before i (-1 if none).
Eigen::Index previousObserved(const Vector& s, Eigen::Index i)
{
    for (; i >= 0; --i)
        if (!std::isnan(s(i)))
            return i;
    return -1;
}

Eigen::Index nextObserved(const Vector& s, Eigen::Index i)
{
    for (; i < s.size(); ++i)
        if (!std::isnan(s(i)))
            return i;
    return -1;
}

}  // namespace

const std::vector<ParamSpec>& TimeSeriesImputer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("method", "ffill", {"ffill", "bfill", "interpolate", "rolling_mean", "seasonal"},
                          "Last value carried forward, next value carried back, a straight line between "
                          "neighbours, the mean of a window of rows, or the value one period earlier times the growth"),
        ParamSpec::integer("limit", 0, 0, 1000000,
                           "Most consecutive gaps filled per run (0: no limit); ffill, bfill and interpolate"),
        ParamSpec::integer("window", 3, 1, 1000000, "Rows in the rolling_mean window (the gap's row included)"),
        ParamSpec::integer("period", 12, 1, 1000000, "seasonal: rows per season (12 for monthly data)"),
        ParamSpec::boolean("center", false,
                           "rolling_mean: a window centred on the gap instead of one ending at it (uses later rows)"),
    };
    return specs;
}

void TimeSeriesImputer::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    m_inputs = X.cols();
}

Vector TimeSeriesImputer::fillSeries(const Vector& s) const
{
    const std::string method = paramString("method");
    const auto limit = static_cast<Eigen::Index>(paramInt("limit"));
    const Eigen::Index n = s.size();
    Vector out = s;
    if (method == "rolling_mean") {
        const auto window = static_cast<Eigen::Index>(paramInt("window"));
        // pandas' centred window of w rows ends (w - 1) / 2 rows after the gap (w = 4: two before, one after).
        const Eigen::Index after = paramBool("center") ? (window - 1) / 2 : 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            if (!std::isnan(s(i)))
                continue;
            const Eigen::Index last = std::min(n - 1, i + after);
            const Eigen::Index first = std::max<Eigen::Index>(0, i + after - window + 1);
            double sum = 0;
            int count = 0;
            for (Eigen::Index k = first; k <= last; ++k)
                if (!std::isnan(s(k))) {
                    sum += s(k);
                    ++count;
                }
            if (count > 0)
                out(i) = sum / count;
        }
        return out;
    }
    if (method == "seasonal") {
        // Seasonal naive with growth: the same point one period earlier, scaled
        // by how much the last observed value grew over its own period.
        const auto period = static_cast<Eigen::Index>(paramInt("period"));
        for (Eigen::Index i = 0; i < n; ++i) {
            if (!std::isnan(s(i)))
                continue;
            const Eigen::Index before = previousObserved(s, i);
            if (i < period || before < period)
                continue;
            const double growth = s(before) / s(before - period);
            out(i) = s(i - period) * growth;  // NaN when any of the three is missing: the gap stays
        }
        return out;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!std::isnan(s(i)))
            continue;
        const Eigen::Index before = previousObserved(s, i);
        const Eigen::Index next = nextObserved(s, i);
        if (method == "bfill") {
            if (next < 0 || (limit > 0 && next - i > limit))
                continue;
            out(i) = s(next);
            continue;
        }
        // ffill and interpolate count the run from its start and leave leading gaps.
        if (before < 0 || (limit > 0 && i - before > limit))
            continue;
        if (method == "ffill" || next < 0) {
            out(i) = s(before);  // interpolate carries the last value past the end, as pandas
            continue;
        }
        const double t = static_cast<double>(i - before) / static_cast<double>(next - before);
        out(i) = s(before) + t * (s(next) - s(before));
    }
    return out;
}

Matrix TimeSeriesImputer::transform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, m_inputs, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    Matrix out(X.rows(), X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        out.col(j) = fillSeries(X.col(j));
    return out;
}

void TimeSeriesImputer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = isFitted();
    if (isFitted())
        out["n_features_in"] = m_inputs;
}

void TimeSeriesImputer::loadState(const nlohmann::json& in)
{
    m_inputs = 0;
    if (fittedFlagFromJson(in, kOwner))
        m_inputs = static_cast<Eigen::Index>(integerFromJson(in, "n_features_in", kOwner, 1, 1LL << 40));
}

}  // namespace dslab
