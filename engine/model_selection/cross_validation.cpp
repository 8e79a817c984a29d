#include "engine/model_selection/cross_validation.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"

#include <chrono>
#include <cmath>

namespace dslab {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

double mean(const std::vector<double>& values)
{
    if (values.empty())
        return std::nan("");
    double s = 0;
    for (double v : values)
        s += v;
    return s / static_cast<double>(values.size());
}

double populationStd(const std::vector<double>& values)
{
    const double m = mean(values);
    double s = 0;
    for (double v : values)
        s += (v - m) * (v - m);
    return values.empty() ? std::nan("") : std::sqrt(s / static_cast<double>(values.size()));
}

double CrossValidationResult::meanTestScore() const
{
    return mean(testScores);
}

double CrossValidationResult::stdTestScore() const
{
    return populationStd(testScores);
}

std::vector<FoldData> materializeFolds(const Matrix& X, const Vector& y, const std::vector<SplitIndices>& splits)
{
    if (y.size() != X.rows())
        throw DataError("the target has " + std::to_string(y.size()) + " values but X has " + std::to_string(X.rows())
                        + " rows");
    std::vector<FoldData> folds(splits.size());
    for (std::size_t f = 0; f < splits.size(); ++f) {
        folds[f].trainX = selectRows(X, splits[f].train);
        folds[f].trainY = selectRows(y, splits[f].train);
        folds[f].testX = selectRows(X, splits[f].test);
        folds[f].testY = selectRows(y, splits[f].test);
    }
    return folds;
}

CrossValidationResult crossValidateFolds(const Pipeline& pipeline, const std::vector<FoldData>& folds,
                                         const Scorer& scorer, TrainContext& ctx, bool returnTrainScore)
{
    if (!pipeline.finalEstimator())
        throw ParamError("cross-validation needs a pipeline that ends with a model");
    const std::size_t n = folds.size();
    CrossValidationResult result;
    result.testScores.assign(n, std::nan(""));
    result.fitSeconds.assign(n, 0.0);
    result.scoreSeconds.assign(n, 0.0);
    if (returnTrainScore)
        result.trainScores.assign(n, std::nan(""));
    // Copies made on this thread: reading a component's parameters fills in
    // its defaults lazily, so copying one pipeline from several threads races.
    std::vector<Pipeline> models;
    for (std::size_t f = 0; f < n; ++f)
        models.push_back(pipeline.cloneUnfitted());
    parallelFor(0, n, ctx.threads, [&](std::size_t f) {
        // Each fold trains its own unfitted copy; only the seed and the stop
        // token are shared (no observer: folds would interleave their steps).
        TrainContext inner;
        inner.seed = ctx.seed;
        inner.threads = 1;
        inner.stop = ctx.stop;
        if (ctx.cancelled())
            return;
        Pipeline& model = models[f];
        const auto start = Clock::now();
        model.fit(folds[f].trainX, folds[f].trainY, inner);
        result.fitSeconds[f] = secondsSince(start);
        const auto scoreStart = Clock::now();
        result.testScores[f] = scorer.score(model, folds[f].testX, folds[f].testY);
        if (returnTrainScore)
            result.trainScores[f] = scorer.score(model, folds[f].trainX, folds[f].trainY);
        result.scoreSeconds[f] = secondsSince(scoreStart);
    });
    result.cancelled = ctx.cancelled();
    return result;
}

CrossValidationResult crossValidate(const Pipeline& pipeline, const Matrix& X, const Vector& y,
                                    const CrossValidator& cv, TrainContext& ctx, const CrossValidationOptions& options)
{
    if (!pipeline.finalEstimator())
        throw ParamError("cross-validation needs a pipeline that ends with a model");
    const Scorer scorer = makeScorer(options.scoring, pipeline.isClassifier());
    const std::vector<SplitIndices> splits = cv.split(X.rows(), &y);
    return crossValidateFolds(pipeline, materializeFolds(X, y, splits), scorer, ctx, options.returnTrainScore);
}

}  // namespace dslab
