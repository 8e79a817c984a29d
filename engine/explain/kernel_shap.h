// KernelSHAP (Lundberg & Lee 2017) for any Predictor: the Shapley values are
// the solution of a weighted least-squares fit of the model's output on
// coalitions of features, each coalition weighted by the Shapley kernel.
// Features out of the coalition take the values of background rows, so the
// value of a coalition is the (weighted) mean output over the background.
// With few features every coalition is enumerated and the result is exact;
// otherwise coalitions are sampled (whole subset sizes first, then pairs of
// a random subset and its complement) within a budget. The efficiency
// constraint (values sum to output minus expected value) holds exactly: one
// value is eliminated before the fit.
#pragma once

#include "engine/explain/shap_values.h"

#include <cstdint>

namespace dslab {

class Predictor;

// Rows that stand for "feature unknown", with weights summing to 1.
struct ShapBackground {
    Matrix rows;
    Vector weights;
};

// The data as is (equal weights) when it has at most k rows, else the k-means
// centres weighted by their cluster sizes (keeps KernelSHAP's cost down).
ShapBackground summarizeBackground(const Matrix& data, int k, std::uint64_t seed = 0);

struct KernelShapOptions {
    // Coalitions evaluated per explained row when they are sampled.
    int nSamples = 2048;
    // Up to this many features all 2^M - 2 coalitions are enumerated (exact).
    int exactMaxFeatures = 12;
    std::uint64_t seed = 0;
    // Rows explained in parallel (the model's predict must be thread-safe).
    int threads = 1;
};

// Explains predictProba (one matrix per class) for classifiers and predict for
// regressors, for every row of X.
ShapValues kernelShap(const Predictor& model, const Matrix& X, const ShapBackground& background,
                      const KernelShapOptions& options = {});

}  // namespace dslab
