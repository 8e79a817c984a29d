// Input checks shared by the tree models, so every model rejects bad data
// with the same learner-facing messages (which column, what to add to the
// pipeline), and the class encoding they all use.
#pragma once

#include "engine/core/types.h"

#include <string>
#include <vector>

namespace dslab {

// Throws DataError when X is empty or holds NaN/infinite values (naming the
// first such column and suggesting SimpleImputer). `expectedColumns` >= 0 also
// checks the column count against the fitted model.
void checkFeatureMatrix(const Matrix& X, const std::string& owner, Eigen::Index expectedColumns = -1);

// Checks y against X (length, finite values).
void checkTarget(const Matrix& X, const Vector& y, const std::string& owner);

// Class labels of a classification target: the sorted distinct values and each
// row's index into them. Throws DataError when y has a single class.
struct LabelCodes {
    std::vector<double> classes;
    std::vector<int> codes;
};
LabelCodes encodeLabels(const Vector& y, const std::string& owner);

// Per-class weights: all 1, or n / (K * count_k) for "balanced" (scikit-learn).
std::vector<double> classWeights(const LabelCodes& labels, bool balanced);

}  // namespace dslab
