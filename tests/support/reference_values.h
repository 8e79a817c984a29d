// Helpers for tests that compare our numbers with reference numbers written
// by scikit-learn or XGBoost: building matrices from literals or JSON, and
// comparing with a relative tolerance that treats NaN as a value.
#pragma once

#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace dslab::test {

// rows x cols from values listed row by row (as Python prints them).
Matrix rowMajor(const std::vector<double>& values, Eigen::Index rows, Eigen::Index cols);
// A JSON list of lists as a matrix; a flat list becomes one column.
Matrix toMatrix(const nlohmann::json& values);
Vector toVector(const nlohmann::json& values);
// Same shape and every value within rtol relative (absolute below 1); NaN only where the reference has NaN.
bool sameValues(const Matrix& ours, const Matrix& reference, double rtol = 1e-12);

}  // namespace dslab::test
