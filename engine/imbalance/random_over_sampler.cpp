#include "engine/imbalance/random_over_sampler.h"

#include "engine/data/seeded_random.h"

namespace dslab {

const std::vector<ParamSpec>& RandomOverSampler::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("sampling_strategy", 1.0, 0.0, 1.0,
                            "Wanted rows of each smaller class as a fraction of the majority class (1 = balanced)")
            .exclusiveMin(),
    };
    return specs;
}

void RandomOverSampler::fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut)
{
    const ClassCounts c = countClasses(X, y);
    const std::vector<Eigen::Index> wanted = overSampledCounts(c);
    IndexList rows(static_cast<std::size_t>(X.rows()));
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        rows[static_cast<std::size_t>(i)] = i;
    SeededRandom rng(ctx.seed);
    for (std::size_t k = 0; k < c.labels.size(); ++k)
        for (Eigen::Index extra = c.counts[k]; extra < wanted[k]; ++extra)
            rows.push_back(c.rows[k][static_cast<std::size_t>(rng.below(c.rows[k].size()))]);
    Xout = selectRows(X, rows);
    yOut = selectRows(y, rows);
    markFitted();
}

}  // namespace dslab
