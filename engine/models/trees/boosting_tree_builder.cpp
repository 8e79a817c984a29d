#include "engine/models/trees/boosting_tree_builder.h"

#include "engine/models/trees/feature_bins.h"
#include "engine/models/trees/worker_team.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dslab {

namespace {

// Rows per parallel work item. Fixed (not derived from the thread count) so
// that histogram sums are added in the same order on any number of threads.
constexpr std::int64_t kBlockRows = 16384;
// XGBoost's kRtEps: a split must gain more than this.
constexpr double kMinGain = 1e-6;

double thresholdL1(double g, double alpha)
{
    if (g > alpha)
        return g - alpha;
    if (g < -alpha)
        return g + alpha;
    return 0.0;
}

// Rows of a deep node are far apart in memory: asking for a row's codes and
// gradients this many rows ahead hides most of the cache misses (XGBoost's
// hist builder does the same).
constexpr std::int64_t kPrefetchAhead = 16;

inline void prefetch(const void* p)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    // Inline assembly: GCC 12 at -O2 dropped __builtin_prefetch from these loops.
    asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#elif defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

inline void prefetchRow(const std::int32_t* rows, std::int64_t k, std::int64_t end, const RowGradient* gradients,
                        const std::uint8_t* codes, int nf)
{
    if (k + kPrefetchAhead < end) {
        const std::int32_t r = rows[k + kPrefetchAhead];
        prefetch(codes + static_cast<std::int64_t>(r) * nf);
        prefetch(gradients + r);
    }
}

// XGBoost's CalcGain and CalcWeight (no max_delta_step).
double gainOf(const BoostingTreeParams& p, double g, double h)
{
    if (h <= 0 || h < p.minChildWeight)
        return 0.0;
    const double t = thresholdL1(g, p.alpha);
    return t * t / (h + p.lambda);
}

double weightOf(const BoostingTreeParams& p, double g, double h)
{
    if (h <= 0 || h < p.minChildWeight)
        return 0.0;
    return -thresholdL1(g, p.alpha) / (h + p.lambda);
}

// The best boundary of one feature's histogram: the children's summed gain
// (the parent's gain is subtracted by the caller).
struct Candidate {
    double gain = -std::numeric_limits<double>::infinity();
    int bin = -1;
    GradientPair left;
};

Candidate bestBin(const BoostingTreeParams& p, const GradientPair* h, int bins, GradientPair sum)
{
    Candidate best;
    double gl = 0, hl = 0;
    const double minChild = std::max(p.minChildWeight, 0.0);
    if (p.alpha == 0.0) {
        // The common case in one division: gl²/(hl+λ) + gr²/(hr+λ).
        const double lambda = p.lambda;
        for (int b = 0; b + 1 < bins; ++b) {
            gl += h[b].g;
            hl += h[b].h;
            const double hr = sum.h - hl;
            if (hl < minChild || hr < minChild || hl <= 0 || hr <= 0)
                continue;
            const double gr = sum.g - gl;
            const double dl = hl + lambda;
            const double dr = hr + lambda;
            const double gain = (gl * gl * dr + gr * gr * dl) / (dl * dr);
            if (gain > best.gain) {
                best.gain = gain;
                best.bin = b;
                best.left = {gl, hl};
            }
        }
        return best;
    }
    for (int b = 0; b + 1 < bins; ++b) {
        gl += h[b].g;
        hl += h[b].h;
        const double hr = sum.h - hl;
        if (hl < minChild || hr < minChild || hl <= 0 || hr <= 0)
            continue;
        const double gain = gainOf(p, gl, hl) + gainOf(p, sum.g - gl, hr);
        if (gain > best.gain) {
            best.gain = gain;
            best.bin = b;
            best.left = {gl, hl};
        }
    }
    return best;
}

}  // namespace

struct BoostingTreeGrower::Level {
    struct Node {
        int id = 0;
        std::int64_t begin = 0;
        std::int64_t end = 0;
        GradientPair sum;
        std::vector<GradientPair> hist;
        // The chosen split (feature < 0: none).
        int feature = -1;
        int bin = -1;
        double gain = 0;
        GradientPair left;
        std::int64_t leftEnd = 0;  // after partition
    };
    std::vector<Node> nodes;
};

BoostingTreeGrower::BoostingTreeGrower(const std::uint8_t* rowCodes, const std::uint8_t* columnCodes, std::int64_t rows,
                                       const FeatureBins& bins, const BoostingTreeParams& params, WorkerTeam& team)
    : m_codes(rowCodes), m_columnCodes(columnCodes), m_rows(rows), m_features(bins.featureCount()), m_bins(bins), m_params(params), m_team(team)
{
    m_offset.resize(static_cast<std::size_t>(m_features));
    for (int f = 0; f < m_features; ++f) {
        m_offset[static_cast<std::size_t>(f)] = m_totalBins;
        m_totalBins += bins.binCount(f);
    }
    m_order.reserve(static_cast<std::size_t>(rows));
    m_tmpLeft.resize(static_cast<std::size_t>(rows));
    m_tmpRight.resize(static_cast<std::size_t>(rows));
}

BoostingTreeGrower::~BoostingTreeGrower() = default;

void BoostingTreeGrower::buildHistograms(Level& level, const RowGradient* gradients)
{
    // Work items: blocks of the nodes that need a built histogram (hist
    // sized but not filled). A node of one block is summed straight into its
    // histogram; bigger nodes get one partial histogram per block, added up
    // in block order afterwards.
    struct Task {
        std::size_t node;
        std::int64_t begin, end;
        GradientPair* out;
    };
    std::vector<Task> tasks;
    std::vector<std::pair<std::size_t, std::pair<std::size_t, std::size_t>>> reductions;  // node, task range
    std::size_t partials = 0;
    for (std::size_t i = 0; i < level.nodes.size(); ++i) {
        auto& node = level.nodes[i];
        if (node.hist.empty() || node.feature != -2)
            continue;
        const std::int64_t count = node.end - node.begin;
        const std::int64_t blocks = std::max<std::int64_t>(1, (count + kBlockRows - 1) / kBlockRows);
        if (blocks == 1) {
            tasks.push_back({i, node.begin, node.end, node.hist.data()});
            continue;
        }
        const std::size_t first = tasks.size();
        for (std::int64_t b = 0; b < blocks; ++b)
            tasks.push_back({i, node.begin + b * kBlockRows, std::min(node.end, node.begin + (b + 1) * kBlockRows),
                             nullptr});
        reductions.push_back({i, {first, tasks.size()}});
        partials += static_cast<std::size_t>(blocks);
    }
    const auto binCount = static_cast<std::size_t>(m_totalBins);
    if (m_partials.size() < partials * binCount)
        m_partials.resize(partials * binCount);
    std::size_t next = 0;
    for (auto& t : tasks)
        if (!t.out)
            t.out = m_partials.data() + (next++) * binCount;

    const int nf = m_features;
    const bool allFeatures = static_cast<int>(m_activeFeatures.size()) == nf;
    std::size_t rowsToAdd = 0;
    for (const auto& t : tasks)
        rowsToAdd += static_cast<std::size_t>(t.end - t.begin);
    m_team.run(tasks.size(), rowsToAdd * m_activeFeatures.size(), [&](std::size_t ti) {
        const Task& t = tasks[ti];
        GradientPair* hist = t.out;
        std::fill(hist, hist + binCount, GradientPair{});
        const std::int32_t* rows = m_order.data();
        const int* offset = m_offset.data();
        if (allFeatures) {
            for (std::int64_t k = t.begin; k < t.end; ++k) {
                prefetchRow(rows, k, t.end, gradients, m_codes, nf);
                const std::int32_t r = rows[k];
                const double gg = gradients[r].g;
                const double gh = gradients[r].h;
                const std::uint8_t* c = m_codes + static_cast<std::int64_t>(r) * nf;
                for (int f = 0; f < nf; ++f) {
                    GradientPair& h = hist[offset[f] + c[f]];
                    h.g += gg;
                    h.h += gh;
                }
            }
        } else {
            const int* feats = m_activeFeatures.data();
            const int na = static_cast<int>(m_activeFeatures.size());
            for (std::int64_t k = t.begin; k < t.end; ++k) {
                prefetchRow(rows, k, t.end, gradients, m_codes, nf);
                const std::int32_t r = rows[k];
                const double gg = gradients[r].g;
                const double gh = gradients[r].h;
                const std::uint8_t* c = m_codes + static_cast<std::int64_t>(r) * nf;
                for (int j = 0; j < na; ++j) {
                    const int f = feats[j];
                    GradientPair& h = hist[offset[f] + c[f]];
                    h.g += gg;
                    h.h += gh;
                }
            }
        }
    });
    if (reductions.empty())
        return;
    // Reduce in chunks of bins so that both threads share big nodes.
    constexpr std::size_t kChunk = 1024;
    const std::size_t chunks = (binCount + kChunk - 1) / kChunk;
    m_team.run(reductions.size() * chunks, partials * binCount, [&](std::size_t item) {
        const auto& [node, range] = reductions[item / chunks];
        const std::size_t lo = (item % chunks) * kChunk;
        const std::size_t hi = std::min(binCount, lo + kChunk);
        GradientPair* out = level.nodes[node].hist.data();
        for (std::size_t j = lo; j < hi; ++j)
            out[j] = tasks[range.first].out[j];
        for (std::size_t t = range.first + 1; t < range.second; ++t) {
            const GradientPair* p = tasks[t].out;
            for (std::size_t j = lo; j < hi; ++j) {
                out[j].g += p[j].g;
                out[j].h += p[j].h;
            }
        }
    });
}

void BoostingTreeGrower::partition(Level& level)
{
    // Stable two-pass partition by blocks: each block splits its rows into
    // left and right runs, then the runs are copied to their final places.
    struct Task {
        std::size_t node;
        std::int64_t begin, end;
        std::int64_t nLeft;
        bool whole;  // the node fits in one block: partitioned in place, no second pass
    };
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < level.nodes.size(); ++i) {
        const auto& node = level.nodes[i];
        if (node.feature < 0)
            continue;
        for (std::int64_t b = node.begin; b < node.end; b += kBlockRows)
            tasks.push_back({i, b, std::min(node.end, b + kBlockRows), 0, node.end - node.begin <= kBlockRows});
    }
    std::size_t rowsToMove = 0;
    for (const auto& t : tasks)
        rowsToMove += static_cast<std::size_t>(t.end - t.begin);
    m_team.run(tasks.size(), rowsToMove, [&](std::size_t ti) {
        Task& t = tasks[ti];
        const auto& node = level.nodes[t.node];
        const std::uint8_t* column = m_columnCodes + static_cast<std::int64_t>(node.feature) * m_rows;
        const int bin = node.bin;
        std::int64_t nl = 0, nr = 0;
        const std::int32_t* rows = m_order.data();
        // Branch-free: the side a row goes to is unpredictable, so each row is
        // written to both runs and only the matching run's length grows.
        // A node of one block writes its lefts straight back into place
        // (never ahead of the row being read) and appends its rights after.
        std::int32_t* left = (t.whole ? m_order.data() : m_tmpLeft.data()) + t.begin;
        std::int32_t* right = m_tmpRight.data() + t.begin;
        for (std::int64_t k = t.begin; k < t.end; ++k) {
            if (k + kPrefetchAhead < t.end)
                prefetch(column + rows[k + kPrefetchAhead]);
            const std::int32_t r = rows[k];
            const std::int64_t goesLeft = column[r] <= bin ? 1 : 0;
            left[nl] = r;
            right[nr] = r;
            nl += goesLeft;
            nr += 1 - goesLeft;
        }
        t.nLeft = nl;
        if (t.whole)
            std::copy(right, right + nr, m_order.begin() + t.begin + nl);
    });
    // Destinations: lefts of a node first (in block order), then its rights.
    std::vector<std::int64_t> leftAt(tasks.size()), rightAt(tasks.size());
    for (std::size_t i = 0; i < tasks.size();) {
        auto& node = level.nodes[tasks[i].node];
        std::size_t j = i;
        std::int64_t lefts = 0;
        while (j < tasks.size() && tasks[j].node == tasks[i].node)
            lefts += tasks[j++].nLeft;
        std::int64_t l = node.begin, r = node.begin + lefts;
        for (std::size_t t = i; t < j; ++t) {
            leftAt[t] = l;
            rightAt[t] = r;
            l += tasks[t].nLeft;
            r += (tasks[t].end - tasks[t].begin) - tasks[t].nLeft;
        }
        node.leftEnd = node.begin + lefts;
        i = j;
    }
    m_team.run(tasks.size(), rowsToMove, [&](std::size_t ti) {
        const Task& t = tasks[ti];
        if (t.whole)
            return;
        const std::int64_t nRight = (t.end - t.begin) - t.nLeft;
        std::copy(m_tmpLeft.begin() + t.begin, m_tmpLeft.begin() + t.begin + t.nLeft, m_order.begin() + leftAt[ti]);
        std::copy(m_tmpRight.begin() + t.begin, m_tmpRight.begin() + t.begin + nRight, m_order.begin() + rightAt[ti]);
    });
}

TreeArrays BoostingTreeGrower::grow(const RowGradient* gradients, const std::vector<std::int32_t>& rows,
                                    const std::vector<int>& features)
{
    const BoostingTreeParams& p = m_params;
    m_activeFeatures = features;
    m_tree = TreeArrays{};
    m_tree.nOutputs = 1;
    m_splitBin.clear();
    m_leaves.clear();
    if (rows.empty()) {
        m_order.resize(static_cast<std::size_t>(m_rows));
        std::iota(m_order.begin(), m_order.end(), 0);
    } else {
        m_order = rows;
    }
    const auto n = static_cast<std::int64_t>(m_order.size());
    const auto binCount = static_cast<std::size_t>(m_totalBins);

    Level level;
    {
        Level::Node root;
        root.begin = 0;
        root.end = n;
        root.hist.resize(binCount);
        root.feature = -2;  // histogram to build
        level.nodes.push_back(std::move(root));
    }
    buildHistograms(level, gradients);
    {
        // The root sums come from its histogram on the first active feature:
        // every row lands in exactly one of that feature's bins.
        auto& root = level.nodes.front();
        const int f = m_activeFeatures.front();
        for (int b = 0; b < m_bins.binCount(f); ++b) {
            root.sum.g += root.hist[static_cast<std::size_t>(m_offset[static_cast<std::size_t>(f)] + b)].g;
            root.sum.h += root.hist[static_cast<std::size_t>(m_offset[static_cast<std::size_t>(f)] + b)].h;
        }
        root.id = m_tree.addNode(static_cast<int>(n), root.sum.h, 0.0);
        m_splitBin.push_back(-1);
    }

    for (int depth = 0;; ++depth) {
        // Best split of every open node: each (node, feature) pair scans its
        // bins on the team, then each node keeps the best pair in feature
        // order (ties go to the lower feature, as in XGBoost).
        const std::size_t nfa = m_activeFeatures.size();
        std::vector<Candidate> candidates(depth < p.maxDepth ? level.nodes.size() * nfa : 0);
        m_team.run(candidates.size(), level.nodes.size() * binCount, [&](std::size_t item) {
            const auto& node = level.nodes[item / nfa];
            const int f = m_activeFeatures[item % nfa];
            candidates[item] = bestBin(p, node.hist.data() + m_offset[static_cast<std::size_t>(f)], m_bins.binCount(f),
                                       node.sum);
        });
        bool anySplit = false;
        for (std::size_t ni = 0; ni < level.nodes.size(); ++ni) {
            auto& node = level.nodes[ni];
            node.feature = -1;
            if (depth >= p.maxDepth)
                continue;
            const double parentGain = gainOf(p, node.sum.g, node.sum.h);
            double best = -std::numeric_limits<double>::infinity();
            for (std::size_t fi = 0; fi < nfa; ++fi) {
                const Candidate& c = candidates[ni * nfa + fi];
                if (c.bin >= 0 && c.gain - parentGain > best) {
                    best = c.gain - parentGain;
                    node.feature = m_activeFeatures[fi];
                    node.bin = c.bin;
                    node.left = c.left;
                }
            }
            const bool valid = node.feature >= 0 && best > kMinGain && best >= p.gamma && node.left.h > 0
                               && node.sum.h - node.left.h > 0;
            if (!valid) {
                node.feature = -1;
                continue;
            }
            node.gain = best;
            anySplit = true;
        }
        // Nodes that do not split are leaves.
        for (auto& node : level.nodes) {
            if (node.feature >= 0)
                continue;
            m_tree.valueOf(node.id)[0] = p.learningRate * weightOf(p, node.sum.g, node.sum.h);
            m_leaves.push_back({node.id, node.begin, node.end});
        }
        if (!anySplit)
            break;

        partition(level);
        // Children at the depth limit become leaves: they need no histograms.
        const bool needHistograms = depth + 1 < p.maxDepth;
        Level next;
        for (auto& node : level.nodes) {
            if (node.feature < 0)
                continue;
            m_tree.valueOf(node.id)[0] = p.learningRate * weightOf(p, node.sum.g, node.sum.h);
            Level::Node left, right;
            left.begin = node.begin;
            left.end = node.leftEnd;
            left.sum = node.left;
            right.begin = node.leftEnd;
            right.end = node.end;
            right.sum = {node.sum.g - node.left.g, node.sum.h - node.left.h};
            left.id = m_tree.addNode(static_cast<int>(left.end - left.begin), left.sum.h, 0.0);
            right.id = m_tree.addNode(static_cast<int>(right.end - right.begin), right.sum.h, 0.0);
            m_splitBin.push_back(-1);
            m_splitBin.push_back(-1);
            m_tree.setSplit(node.id, node.feature, m_bins.threshold(node.feature, node.bin), left.id, right.id,
                            node.gain);
            m_splitBin[static_cast<std::size_t>(node.id)] = node.bin;
            if (needHistograms) {
                // Build the smaller child; the larger is the parent minus it.
                const bool leftSmaller = (left.end - left.begin) <= (right.end - right.begin);
                Level::Node& small = leftSmaller ? left : right;
                small.hist.resize(binCount);
                small.feature = -2;
                (leftSmaller ? right : left).hist = std::move(node.hist);  // becomes parent - small below
            }
            next.nodes.push_back(std::move(left));
            next.nodes.push_back(std::move(right));
        }
        if (!needHistograms) {
            level = std::move(next);
            continue;
        }
        buildHistograms(next, gradients);
        for (std::size_t i = 0; i < next.nodes.size(); i += 2) {
            auto& l = next.nodes[i];
            auto& r = next.nodes[i + 1];
            const bool leftBuilt = l.feature == -2;
            auto& built = leftBuilt ? l : r;
            auto& derived = leftBuilt ? r : l;
            for (std::size_t j = 0; j < binCount; ++j) {
                derived.hist[j].g -= built.hist[j].g;
                derived.hist[j].h -= built.hist[j].h;
            }
            l.feature = r.feature = -1;
        }
        level = std::move(next);
    }
    return m_tree;
}

int BoostingTreeGrower::leafOf(const std::uint8_t* rowCodes) const
{
    int node = 0;
    while (!m_tree.isLeaf(node)) {
        const auto s = static_cast<std::size_t>(node);
        node = rowCodes[m_tree.feature[s]] <= m_splitBin[s] ? m_tree.left[s] : m_tree.right[s];
    }
    return node;
}

}  // namespace dslab
