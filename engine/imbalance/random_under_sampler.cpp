#include "engine/imbalance/random_under_sampler.h"

#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace dslab {

const std::vector<ParamSpec>& RandomUnderSampler::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("sampling_strategy", 1.0, 0.0, 1.0,
                            "Wanted minority rows as a fraction of each larger class's kept rows (1 = balanced)")
            .exclusiveMin(),
    };
    return specs;
}

void RandomUnderSampler::fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut)
{
    const ClassCounts c = countClasses(X, y);
    const double ratio = paramDouble("sampling_strategy");
    const Eigen::Index minority = *std::min_element(c.counts.begin(), c.counts.end());
    // imbalanced-learn's float strategy: larger classes keep int(minority / ratio) rows.
    const auto keep = static_cast<Eigen::Index>(std::floor(static_cast<double>(minority) / ratio));
    SeededRandom rng(ctx.seed);
    IndexList rows;
    for (std::size_t k = 0; k < c.labels.size(); ++k) {
        IndexList members = c.rows[k];
        if (c.counts[k] > keep) {
            rng.shuffle(members);
            members.resize(static_cast<std::size_t>(keep));
            std::sort(members.begin(), members.end());
        }
        rows.insert(rows.end(), members.begin(), members.end());
    }
    // Kept rows in their original order, so the output does not depend on class order.
    std::sort(rows.begin(), rows.end());
    Xout = selectRows(X, rows);
    yOut = selectRows(y, rows);
    markFitted();
}

}  // namespace dslab
