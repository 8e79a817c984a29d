// Choosing the probability threshold of a binary classifier on validation
// predictions instead of the default 0.5: with imbalanced classes the
// threshold that maximises F1 (or another label metric) is often far lower.
// Tune it on validation rows, never on the test rows it is reported on.
#pragma once

#include "engine/core/types.h"

#include <string>
#include <vector>

namespace dslab {

// 1 where probability >= threshold, else 0. Throws ParamError when the
// threshold is outside [0, 1] (a probability threshold, not a decision value).
Vector applyThreshold(const Vector& positiveProbability, double threshold);

struct ThresholdTuning {
    double threshold = 0.5;         // the best one (the smallest among equals)
    double score = 0;               // the metric at that threshold
    std::vector<double> thresholds;  // every threshold tried, increasing
    std::vector<double> scores;      // the metric at each
};

// Tries each distinct predicted probability as threshold (or the given
// candidates) and keeps the one with the best `metric`: "f1", "precision",
// "recall", "accuracy", "balanced_accuracy" or "youden" (TPR - FPR).
// yTrue holds 0/1. Throws ParamError for an unknown metric or a candidate
// outside [0, 1], DataError for mismatched lengths.
ThresholdTuning tuneDecisionThreshold(const Vector& yTrue, const Vector& positiveProbability,
                                      const std::string& metric = "f1", const std::vector<double>& candidates = {});

}  // namespace dslab
