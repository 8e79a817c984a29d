#include "engine/drift/production_batch.h"

#include "engine/core/errors.h"
#include "engine/preprocessing/column_stats.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace dslab {

double smoothedBootstrapBandwidth(std::size_t referenceRows)
{
    return 1.06 * std::pow(static_cast<double>(std::max<std::size_t>(referenceRows, 1)), -0.2);
}

namespace {

struct Moments {
    double mean = 0, sd = 0, min = 0, max = 0;
    double spread = 0;  // Silverman's robust scale: min(sd, IQR / 1.34)
};

Moments momentsOf(const std::vector<double>& values)
{
    Moments m;
    double n = 0, sum = 0, sumSq = 0;
    m.min = INFINITY;
    m.max = -INFINITY;
    for (double v : values) {
        if (std::isnan(v))
            continue;
        n += 1;
        sum += v;
        sumSq += v * v;
        m.min = std::min(m.min, v);
        m.max = std::max(m.max, v);
    }
    if (n == 0)
        return Moments{};
    m.mean = sum / n;
    m.sd = n > 1 ? std::sqrt(std::max(0.0, (sumSq - n * m.mean * m.mean) / (n - 1))) : 0.0;
    std::vector<double> sorted;
    for (double v : values)
        if (!std::isnan(v))
            sorted.push_back(v);
    std::sort(sorted.begin(), sorted.end());
    const double iqr = preprocessing::percentileSorted(sorted, 75.0) - preprocessing::percentileSorted(sorted, 25.0);
    m.spread = iqr > 0 ? std::min(m.sd, iqr / 1.34) : m.sd;
    return m;
}

}  // namespace

Dataset simulateProductionBatch(const Dataset& reference, const ProductionBatchSpec& spec)
{
    const std::size_t n = reference.rowCount();
    if (n == 0)
        throw DataError("the reference table '" + reference.name + "' has no rows to draw a production batch from");
    if (spec.rows == 0)
        throw ParamError("a production batch needs at least one row");
    if (!(spec.scale > 0) || !std::isfinite(spec.shiftSd))
        throw ParamError("the drift's spread multiplier must be above 0 (got " + std::to_string(spec.scale) + ")");
    if (!spec.driftFeature.empty()) {
        if (!reference.hasColumn(spec.driftFeature))
            throw DataError("cannot drift '" + spec.driftFeature + "': the table has no such column");
        if (reference.column(spec.driftFeature).type != ColumnType::Numeric || spec.driftFeature == reference.targetName())
            throw DataError("cannot drift '" + spec.driftFeature + "': only numeric feature columns can be shifted");
    }
    SeededRandom rng(spec.seed);
    IndexList rows(spec.rows);
    for (auto& r : rows)
        r = static_cast<Eigen::Index>(rng.below(n));
    Dataset batch = reference.selectRows(rows);
    batch.name = reference.name + " (production batch)";

    const double h = smoothedBootstrapBandwidth(n);
    for (const Column& source : reference.columns()) {
        if (source.type != ColumnType::Numeric || source.name == reference.targetName())
            continue;
        const Moments m = momentsOf(source.numbers);
        Column& out = batch.mutableColumn(source.name);
        // Columns of whole numbers (counts, codes) stay whole after the jitter.
        const bool integral = std::all_of(source.numbers.begin(), source.numbers.end(),
                                          [](double v) { return std::isnan(v) || v == std::round(v); });
        const bool drifted = source.name == spec.driftFeature;
        // Jitter on the robust scale, so one long tail (area_error) does not
        // smear the dense part of the distribution; then shrink towards the
        // mean so the spread stays the reference's.
        const double jitter = h * m.spread;
        const double shrink = m.sd > 0 ? 1.0 / std::sqrt(1.0 + (jitter * jitter) / (m.sd * m.sd)) : 1.0;
        for (double& v : out.numbers) {
            if (std::isnan(v))
                continue;
            double x = m.mean + (v - m.mean + jitter * rng.normal()) * shrink;
            x = std::clamp(x, m.min, m.max);
            if (integral)
                x = std::round(x);
            if (drifted)
                x = m.mean + spec.scale * (x - m.mean) + spec.shiftSd * m.sd;
            v = x;
        }
    }
    return batch;
}

}  // namespace dslab
