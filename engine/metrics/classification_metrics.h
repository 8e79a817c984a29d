// Classification metrics with scikit-learn's definitions and edge cases
// (zero_division = 0, ties in ROC curves, one-vs-rest AUC), as free
// functions on label vectors. Labels are numbers (class codes or values).
#pragma once

#include "engine/core/types.h"

#include <vector>

namespace dslab {

// Share of samples whose predicted label equals the true one.
double accuracy(const Vector& yTrue, const Vector& yPred);
// Mean recall over the classes present in yTrue (labels only predicted are
// left out, as scikit-learn). adjusted rescales so that chance scores 0.
double balancedAccuracy(const Vector& yTrue, const Vector& yPred, bool adjusted = false);

// Matthews correlation coefficient (scikit-learn's matthews_corrcoef, any
// number of classes): the correlation between true and predicted labels
// from the confusion matrix, +1 perfect, 0 chance, -1 total disagreement;
// 0 when either the truth or the predictions hold a single label.
double matthewsCorrcoef(const Vector& yTrue, const Vector& yPred);

// Counts with rows = true label, columns = predicted label, in the order of
// `labels` (default: the sorted labels present in yTrue or yPred). Samples
// whose true or predicted label is not listed are ignored, as in scikit-learn.
Matrix confusionMatrix(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels = {});

// scikit-learn's normalize= of confusion_matrix: rows sum to 1 (True), columns
// sum to 1 (Pred) or the whole matrix does (All); an empty row or column stays 0.
enum class ConfusionNormalize { None, True, Pred, All };
Matrix confusionMatrix(const Vector& yTrue, const Vector& yPred, ConfusionNormalize normalize,
                       const std::vector<double>& labels = {});

enum class Average {
    Binary,    // scores of positiveLabel only
    Micro,     // from the total true/false positives and negatives over labels
    Macro,     // unweighted mean of the per-label scores
    Weighted,  // mean of the per-label scores weighted by their support
};

struct PrecisionRecallF1 {
    double precision = 0;
    double recall = 0;
    double f1 = 0;
    double support = 0;  // true samples of the label (Binary) or of all listed labels (averages)
};

// A ratio with a zero denominator counts as zeroDivision: 0 (scikit-learn's
// default zero_division="warn" and 0) or 1. F1 is 0 when precision + recall
// is 0. Weighted averages over labels with no true sample follow scikit-learn:
// all zeroDivision when nothing was predicted either, else (0, zeroDivision, 0).
PrecisionRecallF1 precisionRecallF1(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels = {},
                                    Average average = Average::Binary, double positiveLabel = 1.0,
                                    double zeroDivision = 0.0);
// One entry per label, in the order of `labels` (default: sorted labels present).
std::vector<PrecisionRecallF1> precisionRecallF1PerClass(const Vector& yTrue, const Vector& yPred,
                                                         const std::vector<double>& labels = {},
                                                         double zeroDivision = 0.0);

struct RocCurve {
    Vector fpr;
    Vector tpr;
    // Decreasing; the first is the highest score + 1, the point (0, 0).
    Vector thresholds;
};

// yTrueBinary: positiveLabel marks the positives, anything else negatives.
// Tied scores form a single point; with dropIntermediate, points collinear
// with their neighbours are dropped (scikit-learn's drop_intermediate=True).
RocCurve rocCurve(const Vector& yTrueBinary, const Vector& scores, double positiveLabel = 1.0,
                  bool dropIntermediate = true);
// Area under the ROC curve (trapezoids, so ties count one half). Throws
// DataError when yTrueBinary holds only one class.
double rocAuc(const Vector& yTrueBinary, const Vector& scores, double positiveLabel = 1.0);
// Macro one-vs-rest AUC: yCodes are class codes 0..K-1, proba has K columns
// whose rows sum to 1. Throws DataError when a class is absent from yCodes.
double rocAucOvr(const Vector& yCodes, const Matrix& proba);
// Mean negative log-probability of the true class; probabilities are
// clipped to [1e-15, 1 - 1e-15] and rows renormalized, as scikit-learn.
double logLoss(const Vector& yCodes, const Matrix& proba);

}  // namespace dslab
