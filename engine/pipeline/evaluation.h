// The standard scores of a fitted model on held-out data, as the CLI report,
// the labs and saved-model metadata show them: accuracy, precision, recall,
// F1 (binary: of the positive class, the second label; multiclass: macro),
// ROC-AUC (one-vs-rest macro for multiclass) and log loss for classifiers;
// R², MSE and MAE for regressors.
#pragma once

#include "engine/core/component.h"

#include <map>
#include <string>

namespace dslab {

struct Evaluation {
    std::map<std::string, double> metrics;
    Matrix confusion;                // classifiers: rows true, columns predicted
    std::vector<double> labels;      // classifiers: the label of each confusion row
};

// y holds class codes 0..K-1 for classifiers (classCount = K), values for regressors.
Evaluation evaluateModel(const Predictor& model, const Matrix& X, const Vector& y, int classCount);
// The same from predictions already made (a pipeline with sparse text
// features predicts from the table); proba may be empty (no AUC, log loss).
Evaluation evaluatePredictions(bool classifier, const Vector& y, const Vector& pred, const Matrix& proba,
                               int classCount);

}  // namespace dslab
