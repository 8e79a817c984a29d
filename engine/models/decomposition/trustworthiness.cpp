#include "engine/models/decomposition/trustworthiness.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace dslab {

namespace {

// Squared distances from row i to every row (the ranking is the same as for
// distances); row i itself gets +inf so it is never its own neighbour.
void distancesFrom(const Matrix& X, Eigen::Index i, std::vector<double>& out)
{
    const Eigen::Index n = X.rows();
    out.resize(static_cast<std::size_t>(n));
    for (Eigen::Index j = 0; j < n; ++j)
        out[static_cast<std::size_t>(j)] = (X.row(j) - X.row(i)).squaredNorm();
    out[static_cast<std::size_t>(i)] = std::numeric_limits<double>::infinity();
}

}  // namespace

double trustworthiness(const Matrix& X, const Matrix& embedded, int nNeighbors, int threads)
{
    const Eigen::Index n = X.rows();
    if (embedded.rows() != n)
        throw DataError("trustworthiness: X has " + std::to_string(n) + " rows but the embedding has "
                        + std::to_string(embedded.rows()));
    if (nNeighbors < 1 || static_cast<double>(nNeighbors) >= static_cast<double>(n) / 2.0)
        throw ParamError("trustworthiness: n_neighbors (" + std::to_string(nNeighbors)
                         + ") must be at least 1 and less than n_samples / 2 (" + std::to_string(n) + " / 2)");
    const auto k = static_cast<std::size_t>(nNeighbors);
    std::vector<double> penalty(static_cast<std::size_t>(n), 0.0);
    parallelFor(0, static_cast<std::size_t>(n), threads, [&](std::size_t row) {
        const auto i = static_cast<Eigen::Index>(row);
        std::vector<double> dist;
        std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
        auto byDistance = [&](Eigen::Index a, Eigen::Index b) {
            const double da = dist[static_cast<std::size_t>(a)], db = dist[static_cast<std::size_t>(b)];
            return da < db || (da == db && a < b);
        };
        // Rank of every row among i's neighbours in the input space.
        distancesFrom(X, i, dist);
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        std::sort(order.begin(), order.end(), byDistance);
        std::vector<long long> rank(static_cast<std::size_t>(n));
        for (std::size_t r = 0; r < order.size(); ++r)
            rank[static_cast<std::size_t>(order[r])] = static_cast<long long>(r) + 1;
        // The k nearest in the embedding.
        distancesFrom(embedded, i, dist);
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(), byDistance);
        double sum = 0;
        for (std::size_t r = 0; r < k; ++r)
            sum += static_cast<double>(std::max(0LL, rank[static_cast<std::size_t>(order[r])] - nNeighbors));
        penalty[row] = sum;
    });
    const double total = std::accumulate(penalty.begin(), penalty.end(), 0.0);
    const double nd = static_cast<double>(n), kd = static_cast<double>(nNeighbors);
    return 1.0 - total * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

}  // namespace dslab
