// How much a fitted model relies on each input column, read as scikit-learn's
// RFE and SelectFromModel read it: from coef (SelectFromModel: |coef|, the L1
// norm over the rows of a multiclass coef; RFE: coef², summed over rows) or
// feature_importances, found in the model's saved state or, for tree models,
// from their trees.
#pragma once

#include "engine/core/component.h"

namespace dslab {

// Throws ParamError naming the model when it exposes neither coef nor
// feature importances (e.g. KNeighborsClassifier, SVC with an rbf kernel).
enum class CoefNorm { L1, Squared };
Vector modelImportances(const Estimator& fitted, Eigen::Index featureCount, CoefNorm norm = CoefNorm::L1);

}  // namespace dslab
