// How much a fitted model relies on each input column, read as scikit-learn's
// RFE and SelectFromModel read it: from coef (SelectFromModel: |coef|, the L1
// norm over the rows of a multiclass coef; RFE: coef², summed over rows) or
// feature_importances, found in the model's saved state or, for tree models,
// from their trees.
#pragma once

#include "engine/core/component.h"

#include <memory>
#include <string>

namespace dslab {

// Throws ParamError naming the model when it exposes neither coef nor
// feature importances (e.g. KNeighborsClassifier, SVC with an rbf kernel).
enum class CoefNorm { L1, Squared };
Vector modelImportances(const Estimator& fitted, Eigen::Index featureCount, CoefNorm norm = CoefNorm::L1);

// The model a selector fits (RFE, SelectFromModel): a catalog type and its
// parameters as a JSON object text ("{\"penalty\": \"l1\", \"C\": 0.1}"),
// which is how scikit-learn's estimator=LogisticRegression(penalty="l1", C=0.1)
// is written in a pipeline spec. Throws ParamError naming `owner` for bad text
// or a parameter the model does not have.
std::unique_ptr<Estimator> makeSelectorModel(const std::string& owner, const std::string& type,
                                             const std::string& paramsJson);
// The value a parameter has in such a text, or an empty string.
std::string selectorModelParam(const std::string& paramsJson, const std::string& name);

}  // namespace dslab
