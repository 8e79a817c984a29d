#include "engine/models/trees/forest_tree_builder.h"

#include "engine/models/trees/feature_bins.h"
#include "engine/models/trees/tree_random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dslab {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
// Nodes with at most this many rows sort their codes instead of filling a
// 256-bin histogram: deep nodes hold a handful of rows spread over many bins.
constexpr int kSortBelow = 64;

// A training row as the grower moves it around: the target travels with the
// row index so that histogram building reads one array in node order.
struct Sample {
    std::int32_t row;
    std::int32_t cls;  // class code (classification)
    double w;          // bootstrap count times class weight
    double y;          // target (regression)
};

class ForestGrower {
public:
    ForestGrower(const BinnedTrainingSet& data, const std::vector<std::uint32_t>& counts,
                 const TreeGrowthParams& params, TreeRandom& rng)
        : m_data(data), m_params(params), m_rng(rng), m_classification(data.target.codes != nullptr),
          m_k(m_classification ? data.target.nClasses : 1), m_width(m_classification ? m_k : 3)
    {
        m_samples.reserve(static_cast<std::size_t>(data.rows));
        for (Eigen::Index r = 0; r < data.rows; ++r) {
            const std::uint32_t c = counts.empty() ? 1u : counts[static_cast<std::size_t>(r)];
            if (c == 0)
                continue;
            Sample s{};
            s.row = static_cast<std::int32_t>(r);
            s.w = static_cast<double>(c);
            if (m_classification) {
                s.cls = data.target.codes[r];
                if (data.classWeight)
                    s.w *= data.classWeight[s.cls];
            } else {
                s.y = data.target.values[r];
            }
            m_samples.push_back(s);
        }
        m_tree.nOutputs = m_k;
        m_binaryGini = m_classification && m_k == 2 && params.criterion == SplitCriterion::Gini;
        m_features.resize(static_cast<std::size_t>(data.features));
        std::iota(m_features.begin(), m_features.end(), 0);
        m_binCount.assign(256, 0);
        m_binStats.assign(256 * static_cast<std::size_t>(m_width), 0.0);
        m_left.resize(static_cast<std::size_t>(m_width));
        m_bestLeft.resize(static_cast<std::size_t>(m_width));
    }

    TreeArrays grow(std::vector<int>* leafOfRow, const std::vector<std::uint32_t>& counts)
    {
        if (leafOfRow)
            leafOfRow->assign(static_cast<std::size_t>(m_data.rows), 0);
        if (m_samples.empty()) {
            m_tree.addNode(0, 0.0, 0.0);
            return std::move(m_tree);
        }
        struct Pending {
            int start, end, depth, parent;
            bool isLeft;
            std::vector<double> stats;
        };
        std::vector<Pending> stack;
        {
            std::vector<double> rootStats(static_cast<std::size_t>(m_width), 0.0);
            for (const Sample& s : m_samples)
                addSample(rootStats.data(), s);
            m_totalWeight = weightOf(rootStats.data());
            stack.push_back({0, static_cast<int>(m_samples.size()), 0, -1, false, std::move(rootStats)});
        }
        while (!stack.empty()) {
            Pending p = std::move(stack.back());
            stack.pop_back();
            const int n = p.end - p.start;
            const double* stats = p.stats.data();
            const double w = weightOf(stats);
            const double imp = impurityOf(stats);
            const int node = m_tree.addNode(n, w, imp);
            m_splitBin.push_back(-1);
            writeValue(node, stats);
            if (p.parent >= 0)
                (p.isLeft ? m_tree.left : m_tree.right)[static_cast<std::size_t>(p.parent)] = node;

            bool leaf = (m_params.maxDepth >= 0 && p.depth >= m_params.maxDepth) || n < m_params.minSamplesSplit
                        || n < 2 * m_params.minSamplesLeaf || imp <= kEpsilon;
            int feature = -1, bin = -1;
            if (!leaf) {
                findSplit(p.start, p.end, stats, feature, bin);
                leaf = feature < 0;
            }
            if (!leaf) {
                std::vector<double> leftStats = m_bestLeft;
                std::vector<double> rightStats(static_cast<std::size_t>(m_width));
                for (int j = 0; j < m_width; ++j)
                    rightStats[static_cast<std::size_t>(j)] = stats[j] - leftStats[static_cast<std::size_t>(j)];
                const double wl = weightOf(leftStats.data());
                const double wr = weightOf(rightStats.data());
                const double impL = impurityOf(leftStats.data());
                const double impR = impurityOf(rightStats.data());
                const double improvement = (w / m_totalWeight) * (imp - wr / w * impR - wl / w * impL);
                if (improvement + kEpsilon < m_params.minImpurityDecrease) {
                    leaf = true;
                } else {
                    const int mid = partition(p.start, p.end, feature, bin);
                    m_tree.feature[static_cast<std::size_t>(node)] = feature;
                    m_tree.threshold[static_cast<std::size_t>(node)] = m_data.bins->threshold(feature, bin);
                    m_tree.gain[static_cast<std::size_t>(node)] = w * imp - wl * impL - wr * impR;
                    m_splitBin[static_cast<std::size_t>(node)] = bin;
                    stack.push_back({mid, p.end, p.depth + 1, node, false, std::move(rightStats)});
                    stack.push_back({p.start, mid, p.depth + 1, node, true, std::move(leftStats)});
                }
            }
            if (leaf && leafOfRow)
                for (int k = p.start; k < p.end; ++k)
                    (*leafOfRow)[static_cast<std::size_t>(m_samples[static_cast<std::size_t>(k)].row)] = node;
        }
        if (leafOfRow)
            assignOutOfBag(*leafOfRow, counts);
        return std::move(m_tree);
    }

private:
    void addSample(double* stats, const Sample& s) const
    {
        if (m_classification) {
            stats[s.cls] += s.w;
        } else {
            stats[0] += s.w;
            stats[1] += s.w * s.y;
            stats[2] += s.w * s.y * s.y;
        }
    }

    double weightOf(const double* stats) const
    {
        if (!m_classification)
            return stats[0];
        double w = 0;
        for (int c = 0; c < m_k; ++c)
            w += stats[c];
        return w;
    }

    double impurityOf(const double* stats) const
    {
        const double w = weightOf(stats);
        if (w <= 0)
            return 0;
        if (!m_classification) {
            const double mean = stats[1] / w;
            return std::max(0.0, stats[2] / w - mean * mean);
        }
        if (m_params.criterion == SplitCriterion::Entropy) {
            double e = 0;
            for (int c = 0; c < m_k; ++c)
                if (stats[c] > 0) {
                    const double p = stats[c] / w;
                    e -= p * std::log2(p);
                }
            return e;
        }
        double sq = 0;
        for (int c = 0; c < m_k; ++c)
            sq += stats[c] * stats[c];
        return 1.0 - sq / (w * w);
    }

    void writeValue(int node, const double* stats)
    {
        double* v = m_tree.valueOf(node);
        const double w = weightOf(stats);
        if (w <= 0)
            return;
        if (m_classification)
            for (int c = 0; c < m_k; ++c)
                v[c] = stats[c] / w;
        else
            v[0] = stats[1] / w;
    }

    // Scores the boundary "codes <= bin go left" from the left side's
    // statistics (m_left). This runs for every non-empty bin of every scored
    // feature of every node, so it works on raw pointers without copies.
    void consider(const double* node, double nodeW, int nLeft, int n, int feature, int bin)
    {
        // nLeft is only counted for min_samples_leaf > 1 (see scoreFeature).
        if (m_params.minSamplesLeaf > 1 && (nLeft < m_params.minSamplesLeaf || n - nLeft < m_params.minSamplesLeaf))
            return;
        const double* l = m_left.data();
        if (m_binaryGini) {
            // Two classes (the common case): the proxy is num / den with
            // num = (l0² + l1²) wr + (r0² + r1²) wl and den = wl wr, compared
            // with the best by cross-multiplying: no division in the loop.
            const double r0 = node[0] - l[0];
            const double r1 = node[1] - l[1];
            const double wl = l[0] + l[1];
            const double wr = r0 + r1;
            if (wl <= 0 || wr <= 0)
                return;
            const double num = (l[0] * l[0] + l[1] * l[1]) * wr + (r0 * r0 + r1 * r1) * wl;
            const double den = wl * wr;
            if (m_bestFeature < 0 || num * m_bestDen > m_bestProxy * den)
                keep(num, den, feature, bin);
            return;
        }
        double proxy;
        if (!m_classification) {
            const double wl = l[0];
            const double wr = node[0] - wl;
            if (wl <= 0 || wr <= 0)
                return;
            const double sr = node[1] - l[1];
            proxy = l[1] * l[1] / wl + sr * sr / wr;
        } else if (m_params.criterion == SplitCriterion::Entropy) {
            double wl = 0;
            double v = 0;
            for (int c = 0; c < m_k; ++c) {
                const double r = node[c] - l[c];
                wl += l[c];
                if (l[c] > 0)
                    v += l[c] * std::log(l[c]);
                if (r > 0)
                    v += r * std::log(r);
            }
            const double wr = nodeW - wl;
            if (wl <= 0 || wr <= 0)
                return;
            // -(wl * H(left) + wr * H(right)) in nats.
            proxy = v - wl * std::log(wl) - wr * std::log(wr);
        } else {
            double wl = 0, sl = 0, sr = 0;
            for (int c = 0; c < m_k; ++c) {
                const double r = node[c] - l[c];
                wl += l[c];
                sl += l[c] * l[c];
                sr += r * r;
            }
            const double wr = nodeW - wl;
            if (wl <= 0 || wr <= 0)
                return;
            proxy = sl / wl + sr / wr;
        }
        if (m_bestFeature < 0 || proxy > m_bestProxy)
            keep(proxy, 1.0, feature, bin);
    }

    // The best split so far: its proxy as a fraction, where and its left side.
    void keep(double proxyNum, double proxyDen, int feature, int bin)
    {
        m_bestProxy = proxyNum;
        m_bestDen = proxyDen;
        m_bestFeature = feature;
        m_bestBin = bin;
        std::copy(m_left.begin(), m_left.end(), m_bestLeft.begin());
    }

    // Returns false when the feature is constant in the node.
    bool scoreFeature(int start, int end, const double* node, double nodeW, int f)
    {
        const std::uint8_t* col = m_data.codes + static_cast<Eigen::Index>(f) * m_data.rows;
        const int n = end - start;
        std::fill(m_left.begin(), m_left.end(), 0.0);
        if (n <= kSortBelow) {
            m_small.clear();
            for (int k = start; k < end; ++k)
                m_small.push_back({col[m_samples[static_cast<std::size_t>(k)].row], k});
            std::sort(m_small.begin(), m_small.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            if (m_small.front().first == m_small.back().first)
                return false;
            for (int i = 0; i < n; ++i) {
                const auto [code, k] = m_small[static_cast<std::size_t>(i)];
                addSample(m_left.data(), m_samples[static_cast<std::size_t>(k)]);
                if (i + 1 < n && m_small[static_cast<std::size_t>(i + 1)].first != code)
                    consider(node, nodeW, i + 1, n, f, code);
            }
            return true;
        }
        int lo = 255, hi = 0;
        const auto width = static_cast<std::size_t>(m_width);
        double* stats = m_binStats.data();
        int* count = m_binCount.data();
        const Sample* samples = m_samples.data();
        // Row counts per bin only matter for min_samples_leaf > 1: with 1, a
        // boundary between the lowest and the highest non-empty bin always
        // leaves rows on both sides, and a bin is empty when its weight is 0
        // (in-bag rows weigh more than 0). Skipping them saves one of the two
        // updates per row in the hottest loop of the forest.
        const bool counted = m_params.minSamplesLeaf > 1;
        if (m_classification) {
            for (int k = start; k < end; ++k) {
                const Sample& s = samples[k];
                const int b = col[s.row];
                lo = std::min(lo, b);
                hi = std::max(hi, b);
                if (counted)
                    ++count[b];
                stats[static_cast<std::size_t>(b) * width + static_cast<std::size_t>(s.cls)] += s.w;
            }
        } else {
            for (int k = start; k < end; ++k) {
                const Sample& s = samples[k];
                const int b = col[s.row];
                lo = std::min(lo, b);
                hi = std::max(hi, b);
                if (counted)
                    ++count[b];
                double* bs = stats + static_cast<std::size_t>(b) * 3;
                const double wy = s.w * s.y;
                bs[0] += s.w;
                bs[1] += wy;
                bs[2] += wy * s.y;
            }
        }
        int nLeft = 0;
        double* left = m_left.data();
        for (int b = lo; b <= hi; ++b) {
            double* bs = stats + static_cast<std::size_t>(b) * width;
            double binWeight = 0;
            for (std::size_t j = 0; j < width; ++j) {
                binWeight += m_classification || j == 0 ? bs[j] : 0.0;
                left[j] += bs[j];
                bs[j] = 0.0;
            }
            if (binWeight == 0)
                continue;
            if (counted) {
                nLeft += count[b];
                count[b] = 0;
            }
            if (b < hi)
                consider(node, nodeW, nLeft, n, f, b);
        }
        return lo < hi;
    }

    void findSplit(int start, int end, const double* node, int& feature, int& bin)
    {
        m_bestProxy = -std::numeric_limits<double>::infinity();
        m_bestDen = 1;
        m_bestFeature = -1;
        m_bestBin = -1;
        const double nodeW = weightOf(node);
        const int nf = m_data.features;
        int scored = 0;
        // Features in random order; constant ones do not count towards max_features.
        for (int drawn = 0; drawn < nf && scored < m_params.maxFeatures; ++drawn) {
            const int j = drawn + static_cast<int>(m_rng.below(static_cast<std::uint32_t>(nf - drawn)));
            std::swap(m_features[static_cast<std::size_t>(drawn)], m_features[static_cast<std::size_t>(j)]);
            if (scoreFeature(start, end, node, nodeW, m_features[static_cast<std::size_t>(drawn)]))
                ++scored;
        }
        feature = m_bestFeature;
        bin = m_bestBin;
    }

    // Stable, so each node keeps its rows in increasing order and the
    // histogram loops read the code columns front to back.
    int partition(int start, int end, int feature, int bin)
    {
        const std::uint8_t* col = m_data.codes + static_cast<Eigen::Index>(feature) * m_data.rows;
        // Branch-free: every row is written to both places and only the
        // matching side advances (the side is unpredictable).
        m_scratch.resize(static_cast<std::size_t>(end - start));
        int p = start;
        std::size_t q = 0;
        for (int k = start; k < end; ++k) {
            const Sample s = m_samples[static_cast<std::size_t>(k)];
            const int goesLeft = col[s.row] <= bin ? 1 : 0;
            m_samples[static_cast<std::size_t>(p)] = s;
            m_scratch[q] = s;
            p += goesLeft;
            q += static_cast<std::size_t>(1 - goesLeft);
        }
        std::copy(m_scratch.begin(), m_scratch.begin() + static_cast<std::ptrdiff_t>(q), m_samples.begin() + p);
        return p;
    }

    void assignOutOfBag(std::vector<int>& leafOfRow, const std::vector<std::uint32_t>& counts) const
    {
        if (counts.empty())
            return;
        for (Eigen::Index r = 0; r < m_data.rows; ++r) {
            if (counts[static_cast<std::size_t>(r)] != 0)
                continue;
            int node = 0;
            while (!m_tree.isLeaf(node)) {
                const auto s = static_cast<std::size_t>(node);
                const int code = m_data.codes[static_cast<Eigen::Index>(m_tree.feature[s]) * m_data.rows + r];
                node = code <= m_splitBin[s] ? m_tree.left[s] : m_tree.right[s];
            }
            leafOfRow[static_cast<std::size_t>(r)] = node;
        }
    }

    const BinnedTrainingSet& m_data;
    TreeGrowthParams m_params;
    TreeRandom& m_rng;
    bool m_classification;
    int m_k;
    bool m_binaryGini = false;
    int m_width;  // statistics per bin: class weights, or (w, w*y, w*y*y)
    std::vector<Sample> m_samples;
    std::vector<Sample> m_scratch;
    std::vector<int> m_features;
    std::vector<int> m_binCount;
    std::vector<double> m_binStats;
    std::vector<std::pair<int, int>> m_small;
    std::vector<double> m_left, m_bestLeft;
    std::vector<int> m_splitBin;
    double m_bestProxy = 0;
    double m_bestDen = 1;
    int m_bestFeature = -1;
    int m_bestBin = -1;
    double m_totalWeight = 0;
    TreeArrays m_tree;
};

}  // namespace

TreeArrays growForestTree(const BinnedTrainingSet& data, const std::vector<std::uint32_t>& counts,
                          const TreeGrowthParams& params, TreeRandom& rng, std::vector<int>* leafOfRow)
{
    ForestGrower grower(data, counts, params, rng);
    return grower.grow(leafOfRow, counts);
}

}  // namespace dslab
