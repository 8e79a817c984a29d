// Regression metrics with scikit-learn's definitions: mean squared error,
// mean absolute error and R² (1 - SS_res / SS_tot, with scikit-learn's
// convention for a constant target).
#pragma once

#include "engine/core/types.h"

namespace dslab {

double meanSquaredError(const Vector& yTrue, const Vector& yPred);
double meanAbsoluteError(const Vector& yTrue, const Vector& yPred);
// 1.0 for a perfect fit; for a constant yTrue, 1.0 if the fit is perfect and 0.0 otherwise.
double r2Score(const Vector& yTrue, const Vector& yPred);

}  // namespace dslab
