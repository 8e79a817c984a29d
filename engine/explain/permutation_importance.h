// Permutation importance (Breiman 2001; scikit-learn's permutation_importance):
// how much a fitted model's score drops when one feature's column is shuffled,
// which breaks its link to the target while keeping its distribution.
// Importance = baseline score - score with the column permuted, n_repeats times.
#pragma once

#include "engine/core/types.h"

#include <cstdint>
#include <functional>

namespace dslab {

class Predictor;

// Higher is better (accuracy, R², minus a loss).
using ModelScorer = std::function<double(const Predictor& model, const Matrix& X, const Vector& y)>;

struct PermutationImportanceOptions {
    int nRepeats = 5;
    std::uint64_t seed = 0;
    // Features scored in parallel (the model's predict must be thread-safe).
    int threads = 1;
    // Empty: accuracy for classifiers, R² for regressors.
    ModelScorer scorer;
};

struct PermutationImportance {
    double baselineScore = 0;
    Matrix importances;  // features x repeats
    Vector mean;         // per feature
    Vector std;          // per feature, population standard deviation (as numpy's std)
};

// y holds class labels as numbers for classifiers (what predict returns).
// The permutations depend only on the seed, the feature and the repeat, so the
// result is the same on any thread count.
PermutationImportance permutationImportance(const Predictor& model, const Matrix& X, const Vector& y,
                                            const PermutationImportanceOptions& options = {});

}  // namespace dslab
