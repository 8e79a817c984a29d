#include "engine/models/other/model_input.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>

namespace dslab {

void requireFiniteFeatures(const Matrix& X, const std::string& owner)
{
    // Fast path: one vectorized pass; the per-column report only runs on failure.
    if (X.allFinite())
        return;
    std::string nanColumns;
    std::string infColumns;
    int listed = 0;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const auto col = X.col(j).array();
        const Eigen::Index nan = col.isNaN().count();
        const Eigen::Index inf = col.isInf().count();
        if (nan == 0 && inf == 0)
            continue;
        if (++listed > 6)
            continue;  // keep the message readable; the first columns tell the story
        if (nan > 0)
            nanColumns += std::string(nanColumns.empty() ? "" : ", ") + "column " + std::to_string(j) + " ("
                          + std::to_string(nan) + " missing)";
        if (inf > 0)
            infColumns += std::string(infColumns.empty() ? "" : ", ") + "column " + std::to_string(j) + " ("
                          + std::to_string(inf) + " infinite)";
    }
    std::string message = owner + " cannot handle missing or infinite feature values: ";
    if (!nanColumns.empty())
        message += "feature " + nanColumns + " has NaN values; add a SimpleImputer step before " + owner
                   + " (or drop those rows)";
    if (!infColumns.empty())
        message += std::string(nanColumns.empty() ? "" : "; ") + "feature " + infColumns
                   + " has infinite values; replace or clip them before " + owner;
    if (listed > 6)
        message += " (and " + std::to_string(listed - 6) + " more columns)";
    throw DataError(message);
}

void requireSamples(const Matrix& X, const std::string& owner, Eigen::Index minRows)
{
    if (X.cols() == 0)
        throw DataError(owner + " needs at least one feature column, but X has none");
    if (X.rows() < minRows)
        throw DataError(owner + " needs at least " + std::to_string(minRows) + " sample"
                        + (minRows == 1 ? "" : "s") + " to fit, but X has " + std::to_string(X.rows()));
}

void requireMatchingTarget(const Matrix& X, const Vector& y, const std::string& owner)
{
    if (y.size() != X.rows())
        throw DataError(owner + ": X has " + std::to_string(X.rows()) + " rows but y has " + std::to_string(y.size())
                        + " values; they must describe the same samples");
    if (!y.allFinite())
        throw DataError(owner + ": the target y has " + std::to_string((!y.array().isFinite()).count())
                        + " missing or infinite values; drop those rows before training");
}

void requireFeatureCount(const Matrix& X, Eigen::Index fitted, const std::string& owner)
{
    if (X.cols() != fitted)
        throw DataError(owner + " was fitted on " + std::to_string(fitted) + " feature columns but X has "
                        + std::to_string(X.cols()) + "; use the same columns for training and prediction");
}

std::vector<double> sortedClasses(const Vector& y)
{
    std::vector<double> classes(y.data(), y.data() + y.size());
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    return classes;
}

std::vector<int> encodeClasses(const Vector& y, const std::vector<double>& classes)
{
    std::vector<int> codes(static_cast<std::size_t>(y.size()));
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        auto it = std::lower_bound(classes.begin(), classes.end(), y(i));
        codes[static_cast<std::size_t>(i)] = static_cast<int>(it - classes.begin());
    }
    return codes;
}

}  // namespace dslab
