// cross_validate: fit an unfitted copy of the pipeline on each fold's
// training rows and score it on the fold's test rows, folds in parallel
// (ctx.threads). Every fold sees only its own training rows, so the
// transformers (a scaler) never learn from the test fold.
#pragma once

#include "engine/model_selection/cross_validator.h"
#include "engine/model_selection/scorer.h"
#include "engine/pipeline/pipeline.h"

#include <string>
#include <vector>

namespace dslab {

struct CrossValidationOptions {
    std::string scoring;           // a scikit-learn scoring name; empty = accuracy or r2
    bool returnTrainScore = false;
};

struct CrossValidationResult {
    std::vector<double> testScores;   // one per fold, in split order
    std::vector<double> trainScores;  // empty unless returnTrainScore
    std::vector<double> fitSeconds;
    std::vector<double> scoreSeconds;
    bool cancelled = false;           // the stop token was cancelled: scores are of partly fitted models
    double meanTestScore() const;
    // Population standard deviation (ddof = 0), as scikit-learn's std_test_score.
    double stdTestScore() const;
};

// The rows of each split, copied once so that many candidates (a search)
// can reuse them.
struct FoldData {
    Matrix trainX, testX;
    Vector trainY, testY;
};
std::vector<FoldData> materializeFolds(const Matrix& X, const Vector& y, const std::vector<SplitIndices>& splits);

// ctx: seed and stop token are passed to every fold's fit; ctx.threads folds
// run at once (each fit single-threaded). Throws DataError for mismatched X/y
// and ParamError for an unknown scoring or a pipeline without a model.
CrossValidationResult crossValidate(const Pipeline& pipeline, const Matrix& X, const Vector& y,
                                    const CrossValidator& cv, TrainContext& ctx,
                                    const CrossValidationOptions& options = {});
CrossValidationResult crossValidateFolds(const Pipeline& pipeline, const std::vector<FoldData>& folds,
                                         const Scorer& scorer, TrainContext& ctx, bool returnTrainScore = false);

double mean(const std::vector<double>& values);
double populationStd(const std::vector<double>& values);

}  // namespace dslab
