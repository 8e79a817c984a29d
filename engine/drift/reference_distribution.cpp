#include "engine/drift/reference_distribution.h"

#include "engine/core/errors.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

constexpr double kShareFloor = 1e-4;  // keeps ln(actual / expected) finite for empty bins

std::vector<double> presentValues(const Vector& v)
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(v.size()));
    for (Eigen::Index i = 0; i < v.size(); ++i)
        if (!std::isnan(v(i)))
            out.push_back(v(i));
    return out;
}

}  // namespace

ReferenceBins referenceBins(const Vector& values, int bins)
{
    if (bins < 2)
        throw ParamError("PSI needs at least 2 bins, not " + std::to_string(bins));
    std::vector<double> sorted = presentValues(values);
    if (sorted.empty())
        throw DataError("a reference distribution needs at least one value");
    std::sort(sorted.begin(), sorted.end());
    ReferenceBins ref;
    for (int k = 1; k < bins; ++k)
        ref.edges.push_back(preprocessing::percentileSorted(sorted, 100.0 * static_cast<double>(k) / bins));
    ref.edges.erase(std::unique(ref.edges.begin(), ref.edges.end()), ref.edges.end());
    ref.shares = ref.sharesOf(values);
    ref.count = sorted.size();
    return ref;
}

std::vector<double> ReferenceBins::sharesOf(const Vector& values) const
{
    std::vector<double> counts(edges.size() + 1, 0.0);
    double n = 0;
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        const double x = values(i);
        if (std::isnan(x))
            continue;
        counts[static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin())] += 1;
        n += 1;
    }
    if (n == 0)
        throw DataError("no values to compare with the reference distribution (all are missing)");
    for (double& c : counts)
        c /= n;
    return counts;
}

double ReferenceBins::psi(const Vector& fresh) const
{
    const std::vector<double> actual = sharesOf(fresh);
    double total = 0;
    for (std::size_t k = 0; k < actual.size(); ++k) {
        const double e = std::max(shares.at(k), kShareFloor);
        const double a = std::max(actual[k], kShareFloor);
        total += (a - e) * std::log(a / e);
    }
    return total;
}

nlohmann::json ReferenceBins::toJson() const
{
    return {{"edges", edges}, {"shares", shares}, {"count", count}};
}

ReferenceBins ReferenceBins::fromJson(const nlohmann::json& doc)
{
    ReferenceBins ref;
    try {
        ref.edges = doc.at("edges").get<std::vector<double>>();
        ref.shares = doc.at("shares").get<std::vector<double>>();
        ref.count = doc.at("count").get<std::size_t>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string("a reference distribution is damaged: ") + e.what());
    }
    if (ref.shares.size() != ref.edges.size() + 1)
        throw FormatError("a reference distribution has " + std::to_string(ref.edges.size()) + " edges but "
                          + std::to_string(ref.shares.size()) + " shares (expected one more share than edges)");
    if (!std::is_sorted(ref.edges.begin(), ref.edges.end()))
        throw FormatError("a reference distribution's bin edges are not in ascending order");
    return ref;
}

}  // namespace dslab
