#include "engine/models/trees/tree_input.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>

namespace dslab {

void checkFeatureMatrix(const Matrix& X, const std::string& owner, Eigen::Index expectedColumns)
{
    if (X.rows() == 0 || X.cols() == 0)
        throw DataError(owner + ": the feature matrix is empty (" + std::to_string(X.rows()) + " rows, "
                        + std::to_string(X.cols()) + " columns)");
    if (expectedColumns >= 0 && X.cols() != expectedColumns)
        throw DataError(owner + ": X has " + std::to_string(X.cols()) + " columns but the model was fitted on "
                        + std::to_string(expectedColumns));
    // Column by column: the storage is column-major, and the first bad column is what the message names.
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const double* col = X.data() + j * X.rows();
        bool allFinite = true;
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            allFinite &= std::isfinite(col[i]);
        if (allFinite)
            continue;
        Eigen::Index missing = 0;
        Eigen::Index infinite = 0;
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            missing += std::isnan(col[i]) ? 1 : 0;
            infinite += std::isinf(col[i]) ? 1 : 0;
        }
        if (missing > 0)
            throw DataError(owner + ": column " + std::to_string(j) + " has " + std::to_string(missing)
                            + " missing values (NaN); add a SimpleImputer step before " + owner);
        throw DataError(owner + ": column " + std::to_string(j) + " has " + std::to_string(infinite)
                        + " infinite values; replace them (for example with a SimpleImputer after marking them "
                          "missing) before "
                        + owner);
    }
}

void checkTarget(const Matrix& X, const Vector& y, const std::string& owner)
{
    if (y.size() != X.rows())
        throw DataError(owner + ": X has " + std::to_string(X.rows()) + " rows but y has "
                        + std::to_string(y.size()) + " values");
    for (Eigen::Index i = 0; i < y.size(); ++i)
        if (!std::isfinite(y(i)))
            throw DataError(owner + ": the target has a missing or infinite value at row " + std::to_string(i)
                            + "; drop those rows before training");
}

LabelCodes encodeLabels(const Vector& y, const std::string& owner)
{
    LabelCodes out;
    out.classes.assign(y.data(), y.data() + y.size());
    std::sort(out.classes.begin(), out.classes.end());
    out.classes.erase(std::unique(out.classes.begin(), out.classes.end()), out.classes.end());
    if (out.classes.size() < 2) {
        std::string label = out.classes.empty() ? "none" : std::to_string(out.classes.front());
        throw DataError(owner + ": the target has only one class (" + label
                        + "); a classifier needs at least two classes in the training data");
    }
    out.codes.resize(static_cast<std::size_t>(y.size()));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        out.codes[static_cast<std::size_t>(i)] = static_cast<int>(
            std::lower_bound(out.classes.begin(), out.classes.end(), y(i)) - out.classes.begin());
    return out;
}

std::vector<double> classWeights(const LabelCodes& labels, bool balanced)
{
    const std::size_t k = labels.classes.size();
    std::vector<double> weights(k, 1.0);
    if (!balanced)
        return weights;
    std::vector<double> counts(k, 0.0);
    for (int c : labels.codes)
        counts[static_cast<std::size_t>(c)] += 1.0;
    const double n = static_cast<double>(labels.codes.size());
    for (std::size_t c = 0; c < k; ++c)
        weights[c] = n / (static_cast<double>(k) * counts[c]);
    return weights;
}

}  // namespace dslab
