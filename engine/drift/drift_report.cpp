#include "engine/drift/drift_report.h"

#include "engine/core/errors.h"
#include "engine/drift/reference_distribution.h"

#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

std::vector<double> present(const Vector& v)
{
    std::vector<double> out;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (!std::isnan(v(i)))
            out.push_back(v(i));
    return out;
}

// Kolmogorov's limiting distribution: P(K > lambda) = 2 sum (-1)^(k-1) exp(-2 k^2 lambda^2).
double kolmogorovSurvival(double lambda)
{
    if (lambda < 0.2)
        return 1.0;
    double sum = 0;
    for (int k = 1; k <= 100; ++k) {
        const double term = std::exp(-2.0 * k * k * lambda * lambda);
        sum += (k % 2 == 1 ? term : -term);
        if (term < 1e-16)
            break;
    }
    return std::clamp(2 * sum, 0.0, 1.0);
}

}  // namespace

double populationStabilityIndex(const Vector& train, const Vector& fresh, int bins)
{
    return referenceBins(train, bins).psi(fresh);
}

KsTest ksTwoSample(const Vector& aIn, const Vector& bIn)
{
    std::vector<double> a = present(aIn), b = present(bIn);
    if (a.empty() || b.empty())
        throw DataError("the Kolmogorov-Smirnov test needs values in both samples");
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const auto n = static_cast<double>(a.size()), m = static_cast<double>(b.size());
    // Walk both sorted samples; at each distinct value compare the two CDFs.
    double d = 0;
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const double x = std::min(a[i], b[j]);
        while (i < a.size() && a[i] == x)
            ++i;
        while (j < b.size() && b[j] == x)
            ++j;
        d = std::max(d, std::abs(static_cast<double>(i) / n - static_cast<double>(j) / m));
    }
    KsTest out;
    out.statistic = d;
    const double en = std::sqrt(n * m / (n + m));
    out.pValue = kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
    return out;
}

DriftReport driftReport(const Dataset& train, const Dataset& fresh, int bins)
{
    DriftReport report;
    for (const auto& name : train.featureNames()) {
        const Column& column = train.column(name);
        if (column.type != ColumnType::Numeric)
            continue;
        if (!fresh.hasColumn(name))
            throw DataError("the new data lacks the column '" + name + "' of the training data");
        if (fresh.column(name).type != ColumnType::Numeric)
            throw DataError("column '" + name + "' is numeric in the training data but not in the new data");
        const Vector a = train.featureMatrix({name}).col(0);
        const Vector b = fresh.featureMatrix({name}).col(0);
        FeatureDrift f;
        f.feature = name;
        f.trainCount = present(a).size();
        f.newCount = present(b).size();
        if (f.trainCount == 0 || f.newCount == 0)
            throw DataError("column '" + name + "' has no values in the " + (f.trainCount == 0 ? "training" : "new")
                            + " data, so its drift cannot be measured");
        f.psi = populationStabilityIndex(a, b, bins);
        const KsTest ks = ksTwoSample(a, b);
        f.ksStatistic = ks.statistic;
        f.ksPValue = ks.pValue;
        report.features.push_back(std::move(f));
    }
    return report;
}

}  // namespace dslab
