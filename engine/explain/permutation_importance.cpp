#include "engine/explain/permutation_importance.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/data/seeded_random.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/regression_metrics.h"

#include <cmath>
#include <numeric>
#include <string>

namespace dslab {

PermutationImportance permutationImportance(const Predictor& model, const Matrix& X, const Vector& y,
                                            const PermutationImportanceOptions& options)
{
    if (X.rows() < 2)
        throw DataError("permutation importance: needs at least two rows to shuffle, got " + std::to_string(X.rows()));
    if (y.size() != X.rows())
        throw DataError("permutation importance: the target has " + std::to_string(y.size()) + " values but X has "
                        + std::to_string(X.rows()) + " rows");
    if (options.nRepeats < 1)
        throw ParamError("permutation importance: n_repeats must be at least 1, got " + std::to_string(options.nRepeats));
    const ModelScorer scorer = options.scorer ? options.scorer : ModelScorer([](const Predictor& m, const Matrix& A, const Vector& t) {
        return m.isClassifier() ? accuracy(t, m.predict(A)) : r2Score(t, m.predict(A));
    });

    PermutationImportance out;
    out.baselineScore = scorer(model, X, y);
    const Eigen::Index features = X.cols();
    out.importances.resize(features, options.nRepeats);
    parallelFor(0, static_cast<std::size_t>(features), options.threads, [&](std::size_t f) {
        const auto j = static_cast<Eigen::Index>(f);
        Matrix shuffled = X;
        std::vector<Eigen::Index> order(static_cast<std::size_t>(X.rows()));
        for (int r = 0; r < options.nRepeats; ++r) {
            // One stream per (feature, repeat): the same permutation whatever ran before it.
            SeededRandom rng(options.seed ^ (0x9E3779B97F4A7C15ULL * (f * 1000003ULL + static_cast<std::uint64_t>(r) + 1)));
            std::iota(order.begin(), order.end(), Eigen::Index{0});
            rng.shuffle(order);
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                shuffled(i, j) = X(order[static_cast<std::size_t>(i)], j);
            out.importances(j, r) = out.baselineScore - scorer(model, shuffled, y);
        }
    });
    out.mean = out.importances.rowwise().mean();
    out.std.resize(features);
    for (Eigen::Index j = 0; j < features; ++j)
        out.std(j) = std::sqrt((out.importances.row(j).array() - out.mean(j)).square().mean());
    return out;
}

}  // namespace dslab
