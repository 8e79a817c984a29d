#include "engine/imbalance/smote.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/models/other/model_input.h"

#include <algorithm>
#include <numeric>
#include <sstream>

namespace dslab {

const std::vector<ParamSpec>& Smote::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("sampling_strategy", 1.0, 0.0, 1.0,
                            "Wanted rows of each smaller class as a fraction of the majority class (1 = balanced)")
            .exclusiveMin(),
        ParamSpec::integer("k_neighbors", 5, 1, 1000,
                           "Nearest same-class neighbours to interpolate towards (a class needs k_neighbors + 1 rows)"),
    };
    return specs;
}

void Smote::fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut)
{
    const ClassCounts c = countClasses(X, y);
    requireFiniteFeatures(X, typeName());
    const std::vector<Eigen::Index> wanted = overSampledCounts(c);
    const auto k = static_cast<Eigen::Index>(paramInt("k_neighbors"));
    for (std::size_t cls = 0; cls < c.labels.size(); ++cls)
        if (wanted[cls] > c.counts[cls] && c.counts[cls] < k + 1) {
            std::ostringstream msg;
            msg << "SMOTE: class " << c.labels[cls] << " has only " << c.counts[cls]
                << " row(s) but k_neighbors=" << k << " needs at least " << k + 1
                << " (a row and its neighbours); lower k_neighbors to at most " << std::max<Eigen::Index>(0, c.counts[cls] - 1)
                << " or use RandomOverSampler";
            throw DataError(msg.str());
        }

    Eigen::Index total = 0;
    for (Eigen::Index n : wanted)
        total += n;
    Xout.resize(total, X.cols());
    yOut.resize(total);
    Xout.topRows(X.rows()) = X;
    yOut.head(X.rows()) = y;
    Eigen::Index next = X.rows();
    SeededRandom rng(ctx.seed);
    for (std::size_t cls = 0; cls < c.labels.size(); ++cls) {
        const Eigen::Index extra = wanted[cls] - c.counts[cls];
        if (extra <= 0)
            continue;
        const Matrix members = selectRows(X, c.rows[cls]);
        const Eigen::Index m = members.rows();
        // The k nearest other members of each member (brute force: classes
        // that need SMOTE are the small ones).
        std::vector<std::vector<Eigen::Index>> neighbours(static_cast<std::size_t>(m));
        std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
        Vector dist(m);
        for (Eigen::Index i = 0; i < m; ++i) {
            dist = (members.rowwise() - members.row(i)).rowwise().squaredNorm();
            std::iota(order.begin(), order.end(), Eigen::Index{0});
            std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
                return dist(a) < dist(b) || (dist(a) == dist(b) && a < b);
            });
            auto& nn = neighbours[static_cast<std::size_t>(i)];
            for (Eigen::Index j : order) {
                if (j == i)
                    continue;
                nn.push_back(j);
                if (static_cast<Eigen::Index>(nn.size()) == k)
                    break;
            }
        }
        for (Eigen::Index s = 0; s < extra; ++s) {
            const auto i = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(m)));
            const auto& nn = neighbours[static_cast<std::size_t>(i)];
            const Eigen::Index j = nn[static_cast<std::size_t>(rng.below(nn.size()))];
            const double gap = rng.uniform();
            Xout.row(next) = members.row(i) + gap * (members.row(j) - members.row(i));
            yOut(next) = c.labels[cls];
            ++next;
        }
    }
    markFitted();
}

}  // namespace dslab
