// Small seeded data sets and brute-force Shapley values for the explanation
// tests: the brute force enumerates every coalition, so it is only for a
// handful of features, and it shares no code with the engine's algorithms.
#pragma once

#include "engine/core/types.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace dslab::test {

// n rows of m features: uniform in [-2, 2], some rounded so that trees meet
// ties and repeated thresholds.
inline Matrix explainFeatures(Eigen::Index n, Eigen::Index m, std::uint64_t seed)
{
    SeededRandom rng(seed);
    Matrix X(n, m);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < m; ++j) {
            const double v = rng.uniform(-2.0, 2.0);
            X(i, j) = j % 3 == 2 ? std::round(v) : v;
        }
    return X;
}

// A nonlinear target with interactions; feature `unused` (if >= 0) plays no part.
inline Vector explainTarget(const Matrix& X, std::uint64_t seed)
{
    SeededRandom rng(seed);
    Vector y(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const double a = X(i, 0), b = X(i, 1), c = X(i, 2);
        y(i) = 2 * a + (b > 0 ? 1.5 : -0.5) * c + a * b + 0.3 * rng.normal();
        if (X.cols() > 3)
            y(i) += std::sin(X(i, 3));
    }
    return y;
}

// Class codes 0..classes-1 from the regression target's quantile bands.
inline Vector explainClasses(const Vector& target, int classes)
{
    std::vector<double> sorted(target.data(), target.data() + target.size());
    std::sort(sorted.begin(), sorted.end());
    Vector y(target.size());
    for (Eigen::Index i = 0; i < target.size(); ++i) {
        int k = 0;
        for (int c = 1; c < classes; ++c)
            if (target(i) > sorted[static_cast<std::size_t>(c * target.size() / classes)])
                k = c;
        y(i) = k;
    }
    return y;
}

// Shapley values of the game value(mask) (one vector of outputs per coalition
// bitmask over m players): phi(output, player).
inline Matrix bruteForceShapley(int m, const std::function<Vector(unsigned)>& value)
{
    const unsigned full = 1u << m;
    std::vector<Vector> v(full);
    for (unsigned s = 0; s < full; ++s)
        v[s] = value(s);
    std::vector<double> fact(static_cast<std::size_t>(m) + 1, 1.0);
    for (std::size_t i = 1; i < fact.size(); ++i)
        fact[i] = fact[i - 1] * static_cast<double>(i);
    Matrix phi = Matrix::Zero(v[0].size(), m);
    for (int i = 0; i < m; ++i)
        for (unsigned s = 0; s < full; ++s) {
            if (s & (1u << i))
                continue;
            const int size = __builtin_popcount(s);
            const double w = fact[static_cast<std::size_t>(size)] * fact[static_cast<std::size_t>(m - size - 1)]
                             / fact[static_cast<std::size_t>(m)];
            phi.col(i) += w * (v[s | (1u << i)] - v[s]);
        }
    return phi;
}

}  // namespace dslab::test
