#include "engine/model_selection/hyperparameter_search.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/data/seeded_random.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>

namespace dslab {

void HyperparameterSearch::setBudget(int budget)
{
    if (budget < 0)
        throw ParamError(typeName() + ": the budget is a number of candidates (0 for the default), not "
                         + std::to_string(budget));
    m_budget = budget;
}

SearchResult HyperparameterSearch::fit(const Pipeline& pipeline, const Matrix& X, const Vector& y,
                                       const CrossValidator& cv, TrainContext& ctx)
{
    if (!pipeline.finalEstimator())
        throw ParamError(typeName() + " needs a pipeline that ends with a model");
    checkSpace(pipeline);
    const Scorer scorer = makeScorer(m_scoring, pipeline.isClassifier());
    const std::vector<FoldData> folds = materializeFolds(X, y, cv.split(X.rows(), &y));
    const std::size_t foldCount = folds.size();
    const int budget = m_budget > 0 ? m_budget : defaultBudget();

    SearchResult result;
    SeededRandom rng(ctx.seed);
    std::mutex observerMutex;
    while (static_cast<int>(result.evaluations.size()) < budget && !ctx.cancelled()) {
        const int remaining = budget - static_cast<int>(result.evaluations.size());
        std::vector<ParamMap> batch = propose(result.evaluations, remaining, rng);
        if (batch.empty())
            break;
        if (static_cast<int>(batch.size()) > remaining)
            batch.resize(static_cast<std::size_t>(remaining));

        // One job per (candidate, fold), so a batch keeps every thread busy;
        // the last fold of a candidate to finish reports the candidate.
        const std::size_t first = result.evaluations.size();
        // Unfitted copies for every job, made here on one thread: reading a
        // component's parameters fills in its defaults lazily, so copies must
        // not be made concurrently from a shared pipeline.
        std::vector<Pipeline> models;
        for (const auto& params : batch)
            for (std::size_t f = 0; f < foldCount; ++f) {
                models.push_back(pipeline.cloneUnfitted());
                for (const auto& [address, value] : params)
                    models.back().setParam(address, value);
            }
        std::vector<std::vector<double>> scores(batch.size(), std::vector<double>(foldCount, std::nan("")));
        std::vector<std::vector<double>> fitSeconds(batch.size(), std::vector<double>(foldCount, 0.0));
        std::unique_ptr<std::atomic<int>[]> foldsLeft(new std::atomic<int>[batch.size()]);
        for (std::size_t c = 0; c < batch.size(); ++c)
            foldsLeft[c].store(static_cast<int>(foldCount));
        std::vector<char> complete(batch.size(), 0);
        std::vector<SearchEvaluation> finished(batch.size());

        parallelFor(0, batch.size() * foldCount, ctx.threads, [&](std::size_t job) {
            const std::size_t c = job / foldCount, f = job % foldCount;
            if (ctx.cancelled())
                return;
            TrainContext inner;
            inner.seed = ctx.seed;
            inner.stop = ctx.stop;
            Pipeline& model = models[job];
            const auto start = std::chrono::steady_clock::now();
            model.fit(folds[f].trainX, folds[f].trainY, inner);
            fitSeconds[c][f] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            // A fit stopped by a cancel is partly trained: its score does not count.
            if (ctx.cancelled())
                return;
            scores[c][f] = scorer.score(model, folds[f].testX, folds[f].testY);
            if (foldsLeft[c].fetch_sub(1) != 1)
                return;
            SearchEvaluation& e = finished[c];
            e.index = static_cast<int>(first + c);
            e.params = batch[c];
            e.foldScores = scores[c];
            e.meanScore = mean(scores[c]);
            e.stdScore = populationStd(scores[c]);
            e.meanFitSeconds = mean(fitSeconds[c]);
            std::lock_guard lock(observerMutex);
            complete[c] = 1;
            if (m_observer)
                m_observer(e);
        });
        for (std::size_t c = 0; c < batch.size(); ++c)
            if (complete[c])
                result.evaluations.push_back(std::move(finished[c]));
        // Renumber after a cancel so indices stay those of the kept rows.
        for (std::size_t i = first; i < result.evaluations.size(); ++i)
            result.evaluations[i].index = static_cast<int>(i);
    }
    result.cancelled = ctx.cancelled();
    for (const auto& e : result.evaluations)
        if (result.bestIndex < 0 || e.meanScore > result.bestScore) {
            result.bestIndex = e.index;
            result.bestScore = e.meanScore;
        }
    if (result.bestIndex < 0)
        return result;
    result.bestParams = result.evaluations[static_cast<std::size_t>(result.bestIndex)].params;
    result.bestPipeline = pipeline.cloneUnfitted();
    for (const auto& [address, value] : result.bestParams)
        result.bestPipeline.setParam(address, value);
    if (m_refit && !result.cancelled) {
        TrainContext inner;
        inner.seed = ctx.seed;
        inner.threads = ctx.threads;
        inner.stop = ctx.stop;
        result.bestPipeline.fit(X, y, inner);
        result.refitted = !ctx.cancelled();
    }
    return result;
}

}  // namespace dslab
