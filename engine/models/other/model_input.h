// Checks shared by the neighbors, SVM, clustering and decomposition models:
// they turn unusable input (NaN, wrong width, too few rows) into DataError
// messages that say which column is at fault and which step to add.
#pragma once

#include "engine/core/types.h"

#include <string>
#include <vector>

namespace dslab {

// Throws DataError naming each column with NaN (suggesting SimpleImputer)
// or infinite values. `owner` is the model's type name.
void requireFiniteFeatures(const Matrix& X, const std::string& owner);

// Throws DataError when X has fewer than minRows rows or no columns.
void requireSamples(const Matrix& X, const std::string& owner, Eigen::Index minRows = 1);

// Throws DataError when y's length differs from X's rows or y has NaN/inf.
void requireMatchingTarget(const Matrix& X, const Vector& y, const std::string& owner);

// Throws DataError when X does not have the width the model was fitted on.
void requireFeatureCount(const Matrix& X, Eigen::Index fitted, const std::string& owner);

// The sorted distinct values of y (scikit-learn's classes_).
std::vector<double> sortedClasses(const Vector& y);

// Position of each y value in `classes` (which must contain them all).
std::vector<int> encodeClasses(const Vector& y, const std::vector<double>& classes);

}  // namespace dslab
