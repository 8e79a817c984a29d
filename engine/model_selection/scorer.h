// scikit-learn's scoring strings ("accuracy", "f1_macro", "roc_auc",
// "neg_log_loss", "r2", "neg_mean_squared_error", ...) as functions of a
// fitted model and held-out data. Every scorer is "greater is better", so a
// loss is negated, exactly as in scikit-learn, and searches always maximise.
#pragma once

#include "engine/core/component.h"

#include <functional>
#include <string>

namespace dslab {

struct Scorer {
    std::string name;
    // y holds class codes 0..K-1 for classifiers (the columns of predictProba).
    std::function<double(const Predictor& model, const Matrix& X, const Vector& y)> score;
};

// Throws ParamError listing the known names when `name` is unknown. An empty
// name means the model's default: accuracy for classifiers, r2 otherwise.
Scorer makeScorer(const std::string& name, bool classifier);
StringList scorerNames();

}  // namespace dslab
