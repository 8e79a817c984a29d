#include "engine/model_selection/bias_variance.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/data/seeded_random.h"

#include <map>

namespace dslab {

BiasVariance biasVarianceDecomposition(const Pipeline& pipeline, const Matrix& trainX, const Vector& trainY,
                                       const Matrix& testX, const Vector& testY, TrainContext& ctx,
                                       const BiasVarianceOptions& options)
{
    if (options.rounds < 2)
        throw ParamError("bias-variance decomposition: rounds must be at least 2 (variance needs several fits), not "
                         + std::to_string(options.rounds));
    if (!pipeline.finalEstimator())
        throw ParamError("bias-variance decomposition needs a pipeline that ends with a model");
    if (trainY.size() != trainX.rows() || testY.size() != testX.rows())
        throw DataError("bias-variance decomposition: X and y have different numbers of rows");
    if (testX.rows() == 0 || trainX.rows() == 0)
        throw DataError("bias-variance decomposition needs training and test rows");
    const bool classify = pipeline.isClassifier();
    if (options.testTrueFunction && (classify || options.testTrueFunction->size() != testY.size()))
        throw ParamError("bias-variance decomposition: the noise-free target is for regression and needs one value per test row");

    // Draw every bootstrap sample up front from one generator, so the
    // samples do not depend on how rounds are spread over threads.
    const auto rounds = static_cast<std::size_t>(options.rounds);
    const Eigen::Index n = trainX.rows();
    SeededRandom rng(ctx.seed);
    std::vector<IndexList> samples(rounds, IndexList(static_cast<std::size_t>(n)));
    for (auto& s : samples)
        for (auto& i : s)
            i = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(n)));

    // Copies made on this thread (reading parameters fills in defaults lazily).
    std::vector<Pipeline> models;
    for (std::size_t r = 0; r < rounds; ++r)
        models.push_back(pipeline.cloneUnfitted());
    Matrix predictions(testX.rows(), static_cast<Eigen::Index>(rounds));  // one column per round
    parallelFor(0, rounds, ctx.threads, [&](std::size_t r) {
        TrainContext inner;
        inner.seed = ctx.seed + r + 1;
        inner.stop = ctx.stop;
        Pipeline& model = models[r];
        model.fit(selectRows(trainX, samples[r]), selectRows(trainY, samples[r]), inner);
        predictions.col(static_cast<Eigen::Index>(r)) = model.predict(testX);
    });

    BiasVariance out;
    if (options.keepPredictions)
        out.predictions = predictions;
    const Eigen::Index m = testX.rows();
    const auto R = static_cast<double>(rounds);
    if (!classify) {
        out.mainPrediction = predictions.rowwise().mean();
        const Vector& target = options.testTrueFunction ? *options.testTrueFunction : testY;
        out.expectedLoss = (predictions.colwise() - testY).array().square().mean();
        out.bias = (out.mainPrediction - target).array().square().mean();
        out.variance = (predictions.colwise() - out.mainPrediction).array().square().mean();
        if (options.testTrueFunction)
            out.noise = (testY - target).array().square().mean();
        return out;
    }
    out.mainPrediction.resize(m);
    double loss = 0, bias = 0, variance = 0, unbiased = 0, biased = 0;
    for (Eigen::Index i = 0; i < m; ++i) {
        std::map<double, int> votes;
        for (Eigen::Index r = 0; r < predictions.cols(); ++r)
            ++votes[predictions(i, r)];
        // Most frequent label; ties go to the smallest label, as numpy's argmax of bincount.
        double main = votes.begin()->first;
        int best = 0;
        for (const auto& [label, count] : votes)
            if (count > best) {
                best = count;
                main = label;
            }
        out.mainPrediction(i) = main;
        const double wrong = (predictions.row(i).array() != testY(i)).cast<double>().sum() / R;
        const double differs = (predictions.row(i).array() != main).cast<double>().sum() / R;
        loss += wrong;
        variance += differs;
        if (main != testY(i)) {
            bias += 1;
            biased += differs;
        } else {
            unbiased += differs;
        }
    }
    const auto rows = static_cast<double>(m);
    out.expectedLoss = loss / rows;
    out.bias = bias / rows;
    out.variance = variance / rows;
    out.varianceUnbiased = unbiased / rows;
    out.varianceBiased = biased / rows;
    return out;
}

}  // namespace dslab
