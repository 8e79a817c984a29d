#include "engine/models/trees/feature_bins.h"

#include "engine/core/parallel.h"
#include "engine/models/trees/tree_random.h"

#include <algorithm>
#include <numeric>

namespace dslab {

namespace {

// Edges between consecutive distinct values when there are few of them, else
// between quantiles of the sorted sample.
std::vector<double> edgesOf(std::vector<double>& values, int maxBins)
{
    std::sort(values.begin(), values.end());
    std::vector<double> distinct;
    distinct.reserve(std::min<std::size_t>(values.size(), static_cast<std::size_t>(maxBins) + 1));
    for (double v : values) {
        if (distinct.empty() || v != distinct.back()) {
            distinct.push_back(v);
            if (distinct.size() > static_cast<std::size_t>(maxBins))
                break;
        }
    }
    auto midpoint = [](double a, double b) {
        const double m = a / 2.0 + b / 2.0;
        return m >= b ? a : m;  // keep a < edge < b even when they are adjacent doubles
    };
    std::vector<double> edges;
    if (distinct.size() <= static_cast<std::size_t>(maxBins)) {
        for (std::size_t i = 1; i < distinct.size(); ++i)
            edges.push_back(midpoint(distinct[i - 1], distinct[i]));
        return edges;
    }
    const std::size_t n = values.size();
    for (int k = 1; k < maxBins; ++k) {
        const std::size_t pos = static_cast<std::size_t>(static_cast<double>(k) * static_cast<double>(n) / maxBins);
        if (pos == 0 || pos >= n)
            continue;
        // A run of equal values stays in one bin: the edge sits on the value itself.
        const double lo = values[pos - 1];
        const double hi = values[pos];
        const double e = lo == hi ? lo : midpoint(lo, hi);
        if (e >= values.back())
            continue;  // nothing would go right of it
        if (edges.empty() || e > edges.back())
            edges.push_back(e);
    }
    return edges;
}

// Codes of count values into out[i * stride]: branchless lower_bound on the
// edges (a mask, not a conditional, which compilers turn into a branch), four values in lockstep so that their dependent loads overlap (this
// runs for every value of the training matrix).
void codesOf(const std::vector<double>& edges, const double* x, std::int64_t count, std::uint8_t* out,
             std::int64_t stride)
{
    const double* e = edges.data();
    const std::size_t ne = edges.size();
    if (ne == 0) {
        for (std::int64_t i = 0; i < count; ++i)
            out[i * stride] = 0;
        return;
    }
    std::int64_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
        const double *b0 = e, *b1 = e, *b2 = e, *b3 = e;
        for (std::size_t n = ne; n > 1;) {
            const std::size_t half = n / 2;
            b0 += half & (0 - static_cast<std::size_t>(b0[half - 1] < x0));
            b1 += half & (0 - static_cast<std::size_t>(b1[half - 1] < x1));
            b2 += half & (0 - static_cast<std::size_t>(b2[half - 1] < x2));
            b3 += half & (0 - static_cast<std::size_t>(b3[half - 1] < x3));
            n -= half;
        }
        out[i * stride] = static_cast<std::uint8_t>((b0 - e) + (*b0 < x0 ? 1 : 0));
        out[(i + 1) * stride] = static_cast<std::uint8_t>((b1 - e) + (*b1 < x1 ? 1 : 0));
        out[(i + 2) * stride] = static_cast<std::uint8_t>((b2 - e) + (*b2 < x2 ? 1 : 0));
        out[(i + 3) * stride] = static_cast<std::uint8_t>((b3 - e) + (*b3 < x3 ? 1 : 0));
    }
    for (; i < count; ++i) {
        const double* b = e;
        for (std::size_t n = ne; n > 1;) {
            const std::size_t half = n / 2;
            b += half & (0 - static_cast<std::size_t>(b[half - 1] < x[i]));
            n -= half;
        }
        out[i * stride] = static_cast<std::uint8_t>((b - e) + (*b < x[i] ? 1 : 0));
    }
}

}  // namespace

void FeatureBins::fit(const Matrix& X, int maxBins, int threads, std::uint64_t seed, Eigen::Index sampleRows)
{
    maxBins = std::clamp(maxBins, 2, 256);
    const Eigen::Index n = X.rows();
    std::vector<Eigen::Index> rows;
    if (n > sampleRows) {
        // A seeded sample without replacement (partial Fisher-Yates), sorted
        // back into row order for cache-friendly reads.
        std::vector<Eigen::Index> all(static_cast<std::size_t>(n));
        std::iota(all.begin(), all.end(), Eigen::Index{0});
        TreeRandom rng(seed, 0xB1A5ULL);
        for (Eigen::Index i = 0; i < sampleRows; ++i) {
            const auto j = i + static_cast<Eigen::Index>(rng.below(static_cast<std::uint32_t>(n - i)));
            std::swap(all[static_cast<std::size_t>(i)], all[static_cast<std::size_t>(j)]);
        }
        rows.assign(all.begin(), all.begin() + sampleRows);
        std::sort(rows.begin(), rows.end());
    }
    m_edges.assign(static_cast<std::size_t>(X.cols()), {});
    parallelFor(0, static_cast<std::size_t>(X.cols()), threads, [&](std::size_t f) {
        const double* col = X.data() + static_cast<Eigen::Index>(f) * n;
        std::vector<double> values;
        if (rows.empty()) {
            values.assign(col, col + n);
        } else {
            values.reserve(rows.size());
            for (Eigen::Index r : rows)
                values.push_back(col[r]);
        }
        m_edges[f] = edgesOf(values, maxBins);
    });
}

std::uint8_t FeatureBins::code(int feature, double x) const
{
    std::uint8_t c = 0;
    codesOf(m_edges[static_cast<std::size_t>(feature)], &x, 1, &c, 1);
    return c;
}

std::vector<std::uint8_t> FeatureBins::codesByColumn(const Matrix& X, int threads) const
{
    const Eigen::Index n = X.rows();
    std::vector<std::uint8_t> codes(static_cast<std::size_t>(n * X.cols()));
    parallelFor(0, static_cast<std::size_t>(X.cols()), threads, [&](std::size_t f) {
        codesOf(m_edges[f], X.data() + static_cast<Eigen::Index>(f) * n, n,
                codes.data() + static_cast<Eigen::Index>(f) * n, 1);
    });
    return codes;
}

std::vector<std::uint8_t> FeatureBins::codesByRow(const Matrix& X, int threads) const
{
    const Eigen::Index n = X.rows();
    const Eigen::Index nf = X.cols();
    std::vector<std::uint8_t> codes(static_cast<std::size_t>(n * nf));
    constexpr Eigen::Index kBlock = 4096;
    const std::size_t blocks = static_cast<std::size_t>((n + kBlock - 1) / kBlock);
    parallelFor(0, blocks, threads, [&](std::size_t b) {
        const Eigen::Index r0 = static_cast<Eigen::Index>(b) * kBlock;
        const Eigen::Index r1 = std::min(n, r0 + kBlock);
        for (Eigen::Index f = 0; f < nf; ++f)
            codesOf(m_edges[static_cast<std::size_t>(f)], X.data() + f * n + r0, r1 - r0,
                    codes.data() + r0 * nf + f, nf);
    });
    return codes;
}

}  // namespace dslab
