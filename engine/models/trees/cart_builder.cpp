#include "engine/models/trees/cart_builder.h"

#include <random>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dslab {

namespace {

// scikit-learn's constants: values closer than this count as equal, and an
// impurity below EPSILON makes a node pure.
constexpr double kFeatureThreshold = 1e-7;
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

// scikit-learn's tree RNG: numpy's RandomState(seed).randint(0, RAND_R_MAX)
// (MT19937, masked rejection) seeds the xorshift generator our_rand_r.
// std::mt19937 is specified by the standard, so this is the same everywhere.
class SklearnRandom {
public:
    explicit SklearnRandom(std::uint32_t seed)
    {
        std::mt19937 mt(seed);
        std::uint32_t v = 0;
        do
            v = static_cast<std::uint32_t>(mt()) & 0x7FFFFFFFu;
        while (v > kRandRMax - 1);
        m_state = v;
    }
    // rand_int(0, n): our_rand_r() % n
    std::uint32_t below(std::uint32_t n)
    {
        if (m_state == 0)
            m_state = 1;
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return (m_state % (kRandRMax + 1u)) % n;
    }

private:
    static constexpr std::uint32_t kRandRMax = 0x7FFFFFFFu;
    std::uint32_t m_state;
};

struct NodeStats {
    int n = 0;
    double w = 0;
    double sum = 0;    // regression: sum of w*y
    double sumSq = 0;  // regression: sum of w*y*y
    std::vector<double> counts;  // classification: weighted class counts
};

class ExactGrower {
public:
    ExactGrower(const Matrix& X, const TreeTarget& target, const std::vector<double>& weight,
                const TreeGrowthParams& params, std::uint32_t seed)
        : m_X(X), m_target(target), m_weight(weight), m_params(params), m_rng(seed),
          m_classification(target.codes != nullptr), m_k(m_classification ? target.nClasses : 1)
    {
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            if (weight[static_cast<std::size_t>(i)] != 0.0)
                m_samples.push_back(static_cast<int>(i));
        for (int s : m_samples)
            m_totalWeight += weight[static_cast<std::size_t>(s)];
        m_tree.nOutputs = m_k;
        m_features.resize(static_cast<std::size_t>(X.cols()));
        std::iota(m_features.begin(), m_features.end(), 0);
        m_constantFeatures.assign(m_features.size(), 0);
        m_order.reserve(m_samples.size());
    }

    TreeArrays grow()
    {
        struct Pending {
            int start, end, depth, parent;
            bool isLeft;
            int knownConstants;  // features known to be constant in this node (scikit-learn's n_constant_features)
        };
        if (m_samples.empty()) {
            m_tree.addNode(0, 0.0, 0.0);
            return std::move(m_tree);
        }
        std::vector<Pending> stack;
        stack.push_back({0, static_cast<int>(m_samples.size()), 0, -1, false, 0});
        while (!stack.empty()) {
            const Pending p = stack.back();
            stack.pop_back();
            const NodeStats stats = statsOf(p.start, p.end);
            const double imp = impurity(stats);
            const int node = m_tree.addNode(stats.n, stats.w, imp);
            writeValue(node, stats);
            if (p.parent >= 0)
                (p.isLeft ? m_tree.left : m_tree.right)[static_cast<std::size_t>(p.parent)] = node;

            bool leaf = (m_params.maxDepth >= 0 && p.depth >= m_params.maxDepth) || stats.n < m_params.minSamplesSplit
                        || stats.n < 2 * m_params.minSamplesLeaf || imp <= kEpsilon;
            if (leaf)
                continue;
            int constants = p.knownConstants;
            const Split split = bestSplit(p.start, p.end, stats, constants);
            if (!split.found)
                continue;
            const int mid = partition(p.start, p.end, split.feature, split.threshold);
            const NodeStats ls = statsOf(p.start, mid);
            const NodeStats rs = statsOf(mid, p.end);
            const double impL = impurity(ls);
            const double impR = impurity(rs);
            // scikit-learn's impurity_improvement, as a share of all training weight.
            const double improvement = (stats.w / m_totalWeight)
                                       * (imp - rs.w / stats.w * impR - ls.w / stats.w * impL);
            if (improvement + kEpsilon < m_params.minImpurityDecrease)
                continue;
            m_tree.feature[static_cast<std::size_t>(node)] = split.feature;
            m_tree.threshold[static_cast<std::size_t>(node)] = split.threshold;
            m_tree.gain[static_cast<std::size_t>(node)] = stats.w * imp - ls.w * impL - rs.w * impR;
            // Right pushed first so the left subtree is numbered first (preorder, as scikit-learn).
            stack.push_back({mid, p.end, p.depth + 1, node, false, constants});
            stack.push_back({p.start, mid, p.depth + 1, node, true, constants});
        }
        return std::move(m_tree);
    }

private:
    struct Split {
        bool found = false;
        int feature = -1;
        double threshold = 0;
        double proxy = -std::numeric_limits<double>::infinity();
    };

    NodeStats statsOf(int start, int end) const
    {
        NodeStats s;
        s.n = end - start;
        if (m_classification)
            s.counts.assign(static_cast<std::size_t>(m_k), 0.0);
        for (int k = start; k < end; ++k) {
            const auto row = static_cast<std::size_t>(m_samples[static_cast<std::size_t>(k)]);
            const double w = m_weight[row];
            s.w += w;
            if (m_classification) {
                s.counts[static_cast<std::size_t>(m_target.codes[row])] += w;
            } else {
                const double y = m_target.values[row];
                s.sum += w * y;
                s.sumSq += w * y * y;
            }
        }
        return s;
    }

    double classImpurity(const double* counts, double w) const
    {
        if (m_params.criterion == SplitCriterion::Entropy) {
            double e = 0;
            for (int c = 0; c < m_k; ++c)
                if (counts[c] > 0) {
                    const double p = counts[c] / w;
                    e -= p * (std::log(p) / std::log(2.0));
                }
            return e;
        }
        double sq = 0;
        for (int c = 0; c < m_k; ++c)
            sq += counts[c] * counts[c];
        return 1.0 - sq / (w * w);
    }

    double impurity(const NodeStats& s) const
    {
        if (m_classification)
            return classImpurity(s.counts.data(), s.w);
        const double mean = s.sum / s.w;
        return s.sumSq / s.w - mean * mean;
    }

    void writeValue(int node, const NodeStats& s)
    {
        double* v = m_tree.valueOf(node);
        if (m_classification)
            for (int c = 0; c < m_k; ++c)
                v[c] = s.counts[static_cast<std::size_t>(c)] / s.w;
        else
            v[0] = s.sum / s.w;
    }

    // scikit-learn's BestSplitter.node_split feature loop: features are drawn
    // in random order from a permutation kept across nodes, features found
    // constant are set aside for the descendants and do not count towards
    // max_features. Reproducing its draws makes a seed give scikit-learn's tree
    // for the same random_state (ties between equally good splits go the same way).
    Split bestSplit(int start, int end, const NodeStats& node, int& knownConstants)
    {
        const int nf = static_cast<int>(m_X.cols());
        const int maxFeatures = m_params.maxFeatures <= 0 ? nf : std::min(m_params.maxFeatures, nf);
        Split best;
        std::vector<double> leftCounts(static_cast<std::size_t>(m_k));
        std::vector<double> rightCounts(static_cast<std::size_t>(m_k));
        int fi = nf;
        int visited = 0, foundConstants = 0, drawnConstants = 0;
        const int known = knownConstants;
        int totalConstants = known;
        auto feat = [this](int i) -> int& { return m_features[static_cast<std::size_t>(i)]; };
        while (fi > totalConstants && (visited < maxFeatures || visited <= foundConstants + drawnConstants)) {
            ++visited;
            int fj = drawnConstants + static_cast<int>(m_rng.below(static_cast<std::uint32_t>(fi - foundConstants - drawnConstants)));
            if (fj < known) {
                std::swap(feat(drawnConstants), feat(fj));
                ++drawnConstants;
                continue;
            }
            fj += foundConstants;
            const int f = feat(fj);
            const double* col = m_X.data() + static_cast<Eigen::Index>(f) * m_X.rows();
            m_order.clear();
            for (int k = start; k < end; ++k) {
                const int row = m_samples[static_cast<std::size_t>(k)];
                m_order.push_back({col[row], row});
            }
            std::sort(m_order.begin(), m_order.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            if (m_order.back().first <= m_order.front().first + kFeatureThreshold) {
                std::swap(feat(fj), feat(totalConstants));
                ++foundConstants;
                ++totalConstants;
                continue;
            }
            --fi;
            std::swap(feat(fi), feat(fj));

            double wl = 0, sl = 0;
            if (m_classification) {
                std::fill(leftCounts.begin(), leftCounts.end(), 0.0);
                rightCounts = node.counts;
            }
            const int n = end - start;
            for (int p = 1; p < n; ++p) {
                const auto row = static_cast<std::size_t>(m_order[static_cast<std::size_t>(p - 1)].second);
                const double w = m_weight[row];
                wl += w;
                if (m_classification) {
                    const auto c = static_cast<std::size_t>(m_target.codes[row]);
                    leftCounts[c] += w;
                    rightCounts[c] -= w;
                } else {
                    sl += w * m_target.values[row];
                }
                const double xPrev = m_order[static_cast<std::size_t>(p - 1)].first;
                const double xNext = m_order[static_cast<std::size_t>(p)].first;
                if (xNext <= xPrev + kFeatureThreshold)
                    continue;
                if (p < m_params.minSamplesLeaf || n - p < m_params.minSamplesLeaf)
                    continue;
                const double wr = node.w - wl;
                double proxy;
                if (m_classification) {
                    proxy = -wr * classImpurity(rightCounts.data(), wr) - wl * classImpurity(leftCounts.data(), wl);
                } else {
                    const double sr = node.sum - sl;
                    proxy = sl * sl / wl + sr * sr / wr;
                }
                if (proxy > best.proxy) {
                    best.found = true;
                    best.proxy = proxy;
                    best.feature = f;
                    double t = xPrev / 2.0 + xNext / 2.0;
                    if (t == xNext || !std::isfinite(t))
                        t = xPrev;
                    best.threshold = t;
                }
            }
        }
        // Constant features keep their order for the children; the newly found
        // ones are appended to the known list.
        std::copy(m_constantFeatures.begin(), m_constantFeatures.begin() + known, m_features.begin());
        std::copy(m_features.begin() + known, m_features.begin() + known + foundConstants,
                  m_constantFeatures.begin() + known);
        knownConstants = totalConstants;
        return best;
    }

    int partition(int start, int end, int feature, double threshold)
    {
        const double* col = m_X.data() + static_cast<Eigen::Index>(feature) * m_X.rows();
        // scikit-learn's two-pointer partition, so the children see their
        // samples in the same order (it matters for floating-point sums).
        int p = start;
        int partitionEnd = end;
        while (p < partitionEnd) {
            if (col[m_samples[static_cast<std::size_t>(p)]] <= threshold)
                ++p;
            else
                std::swap(m_samples[static_cast<std::size_t>(p)], m_samples[static_cast<std::size_t>(--partitionEnd)]);
        }
        return p;
    }

    const Matrix& m_X;
    TreeTarget m_target;
    const std::vector<double>& m_weight;
    TreeGrowthParams m_params;
    SklearnRandom m_rng;
    bool m_classification;
    int m_k;
    std::vector<int> m_samples;
    std::vector<int> m_features;          // scikit-learn's splitter.features, permuted across nodes
    std::vector<int> m_constantFeatures;  // its constant_features
    std::vector<std::pair<double, int>> m_order;
    double m_totalWeight = 0;
    TreeArrays m_tree;
};

}  // namespace

TreeArrays growExactTree(const Matrix& X, const TreeTarget& target, const std::vector<double>& sampleWeight,
                         const TreeGrowthParams& params, std::uint32_t seed)
{
    ExactGrower grower(X, target, sampleWeight, params, seed);
    return grower.grow();
}

}  // namespace dslab
