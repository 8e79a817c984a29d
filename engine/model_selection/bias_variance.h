// Bootstrap bias-variance decomposition: fit the pipeline on `rounds`
// bootstrap samples of the training rows and study its predictions on fixed
// test rows.
//  - Regression, squared loss: expected loss = bias² + variance (+ noise).
//    With the noise-free target f(x) of the test rows (synthetic data), bias²
//    is measured against f and noise = mean (y - f)²; without it the noise
//    cannot be separated and is part of bias² (noise = 0).
//  - Classification, 0-1 loss (Domingos 2000): the main prediction is the
//    most frequent label per row; bias = share of rows whose main prediction
//    is wrong; variance = mean share of predictions that differ from the main
//    one. Variance adds to the loss where the main prediction is right and
//    subtracts where it is wrong, so loss = bias + varianceUnbiased - varianceBiased
//    for two classes.
#pragma once

#include "engine/pipeline/pipeline.h"

namespace dslab {

struct BiasVarianceOptions {
    int rounds = 200;
    const Vector* testTrueFunction = nullptr;  // regression only: f(x) of the test rows
    // Keep every round's predictions on the test rows (BiasVariance::predictions),
    // e.g. to draw the spread of the fits.
    bool keepPredictions = false;
};

struct BiasVariance {
    double expectedLoss = 0;  // mean loss over rounds and test rows
    double bias = 0;          // bias² for regression; Domingos' bias for classification
    double variance = 0;
    double noise = 0;         // regression with testTrueFunction only
    // Classification only: variance on rows whose main prediction is right / wrong.
    double varianceUnbiased = 0;
    double varianceBiased = 0;
    Vector mainPrediction;    // mean (regression) or mode (classification) per test row
    Matrix predictions;       // test rows x rounds, with keepPredictions only
};

// ctx.seed draws the bootstrap samples; ctx.threads rounds run at once.
// Throws ParamError for rounds < 2, DataError for mismatched shapes.
BiasVariance biasVarianceDecomposition(const Pipeline& pipeline, const Matrix& trainX, const Vector& trainY,
                                       const Matrix& testX, const Vector& testY, TrainContext& ctx,
                                       const BiasVarianceOptions& options = {});

}  // namespace dslab
