#include "engine/preprocessing/column_stats.h"

#include "engine/core/errors.h"

#include <cmath>
#include <limits>

namespace dslab::preprocessing {

std::vector<double> presentValues(const Matrix& X, Eigen::Index j)
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(X.rows()));
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        if (!std::isnan(X(i, j)))
            out.push_back(X(i, j));
    return out;
}

double percentileSorted(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const double n = static_cast<double>(sorted.size());
    const double quantile = q / 100.0;
    // numpy's virtual index for method "linear" (alpha = beta = 1).
    double index = n * quantile + (1.0 + quantile * (1.0 - 1.0 - 1.0)) - 1.0;
    index = std::min(std::max(index, 0.0), n - 1.0);
    const double lowIndex = std::floor(index);
    const double t = index - lowIndex;
    const auto lo = static_cast<std::size_t>(lowIndex);
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double a = sorted[lo], b = sorted[hi];
    // numpy's _lerp: interpolate from the nearer end for accuracy.
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

double handleZeroScale(double scale)
{
    return scale < 10 * std::numeric_limits<double>::epsilon() ? 1.0 : scale;
}

void rejectInfinite(const Matrix& X, const std::string& owner)
{
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        if (X.col(j).array().isInf().any())
            throw DataError(owner + ": column " + std::to_string(j)
                            + " has infinite values; replace or clip them first (only NaN counts as missing)");
}

void rejectNonFinite(const Matrix& X, const std::string& owner, const std::string& hint)
{
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        if (X.col(j).array().isNaN().any())
            throw DataError(owner + ": column " + std::to_string(j) + " has missing values (NaN); " + hint);
        if (X.col(j).array().isInf().any())
            throw DataError(owner + ": column " + std::to_string(j) + " has infinite values; replace or clip them first");
    }
}

}  // namespace dslab::preprocessing
