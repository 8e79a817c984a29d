// Metrics of scores and probabilities rather than hard labels, with
// scikit-learn 1.2's definitions: the precision-recall curve, average
// precision as its step-function integral (no interpolation), and the Brier
// score.
#pragma once

#include "engine/core/types.h"

namespace dslab {

struct PrecisionRecallCurve {
    // One point per distinct score, by increasing threshold, then the
    // point (recall 0, precision 1) that has no threshold: precision and
    // recall have one entry more than thresholds, as in scikit-learn.
    Vector precision;
    Vector recall;
    Vector thresholds;
};

// yTrueBinary: positiveLabel marks the positives. Tied scores form a single
// point. With no positive at all, recall is 1 everywhere (scikit-learn's
// convention). Throws DataError for mismatched lengths or non-finite scores.
PrecisionRecallCurve precisionRecallCurve(const Vector& yTrueBinary, const Vector& scores,
                                          double positiveLabel = 1.0);

// sum_n (R_n - R_{n-1}) P_n over the curve's points: each recall step is
// weighted by the precision reached at its threshold (scikit-learn's
// average_precision_score, which is not the trapezoidal area).
double averagePrecision(const Vector& yTrueBinary, const Vector& scores, double positiveLabel = 1.0);

// Mean squared difference between the probability of the positive class and
// the outcome (1 for positiveLabel, else 0). Throws DataError for
// probabilities outside [0, 1].
double brierScore(const Vector& yTrueBinary, const Vector& probability, double positiveLabel = 1.0);

}  // namespace dslab
