// Column helpers shared by the preprocessing transformers (not a component):
// numpy's percentile with 'linear' interpolation over the present values,
// scikit-learn's _handle_zeros_in_scale, and the input checks every scaler makes.
#pragma once

#include "engine/core/types.h"

#include <string>
#include <vector>

namespace dslab::preprocessing {

// The values of column j of X that are not NaN.
std::vector<double> presentValues(const Matrix& X, Eigen::Index j);

// numpy.percentile(values, q, method="linear") of already sorted values
// (q in [0, 100]); NaN when `sorted` is empty, as numpy.nanpercentile.
double percentileSorted(const std::vector<double>& sorted, double q);

// scikit-learn's _handle_zeros_in_scale: a scale below 10 machine epsilons
// (a constant column) becomes 1 so dividing by it leaves the column as is.
double handleZeroScale(double scale);

// Throws DataError naming the first column of X with an infinite value
// (NaN is allowed: it is a missing value that passes through).
void rejectInfinite(const Matrix& X, const std::string& owner);

// Throws DataError naming the first column with NaN or infinite values.
void rejectNonFinite(const Matrix& X, const std::string& owner, const std::string& hint);

}  // namespace dslab::preprocessing
