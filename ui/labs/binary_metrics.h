// The numbers a binary classifier's held-out predictions give, computed by
// the engine's metrics (scikit-learn's definitions): the threshold metrics
// from the predicted labels, the ranking and probability metrics from the
// positive-class probabilities. Shared by the imbalance and metrics labs so
// that both tables mean exactly the same thing.
#pragma once

#include "engine/core/types.h"

namespace dslab {

struct BinaryMetrics {
    double tp = 0, fp = 0, fn = 0, tn = 0;
    double accuracy = 0;
    double balancedAccuracy = 0;
    double precision = 0;  // zero_division = 0
    double recall = 0;
    double f1 = 0;
    double mcc = 0;
    double rocAuc = 0.5;            // 0.5 when the truth holds one class only
    double averagePrecision = 0;
    double logLoss = 0;
    double brier = 0;
};

// truth: 0/1; positive: P(class 1) of each row; predicted: 0/1 labels (the
// probability at a threshold, or a model's own predict).
BinaryMetrics binaryMetrics(const Vector& truth, const Vector& positive, const Vector& predicted);

// 1 where positive >= threshold, else 0.
Vector labelsAtThreshold(const Vector& positive, double threshold);

}  // namespace dslab
