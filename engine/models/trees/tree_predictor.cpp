#include "engine/models/trees/tree_predictor.h"

#include "engine/core/parallel.h"
#include "engine/models/trees/tree_arrays.h"

#include <algorithm>
#include <limits>

namespace dslab {

namespace {
// Rows walked together: enough independent walks to hide load latency, and a
// block of 20 features still fits in L1.
constexpr Eigen::Index kBlockRows = 128;
// Rows per block of the cell-table path: each tree's small tables stay in L1
// while a long run of rows streams past them.
constexpr Eigen::Index kCellBlockRows = 2048;
// A tree gets a cell table when its thresholds cut its features into at most
// this many cells (a 2-D forest tree has a few hundred), and while all tables
// together stay below kMaxCellValues doubles.
constexpr std::size_t kMaxCells = 4096;
constexpr std::size_t kMaxCellValues = std::size_t{1} << 22;

// Number of bounds below x (branch-free binary search: x's side of a bound is
// unpredictable).
std::uint16_t intervalOf(const std::vector<double>& bounds, double x)
{
    const double* b = bounds.data();
    std::size_t n = bounds.size();
    if (n == 0)
        return 0;
    const double* base = b;
    while (n > 1) {
        const std::size_t half = n / 2;
        base += half & (0 - static_cast<std::size_t>(base[half - 1] < x));
        n -= half;
    }
    return static_cast<std::uint16_t>((base - b) + (*base < x ? 1 : 0));
}

}  // namespace

// Per feature that some tree splits on, the sorted union of all trees'
// thresholds ("bounds"); per tree axis, a table from the interval of the
// union a value falls in to the interval of the tree's own thresholds.
struct CompiledTrees::CellIndex {
    std::vector<int> slotOfFeature;  // -1 when no tree splits on the feature
    std::vector<int> featureOfSlot;
    std::vector<std::vector<double>> bounds;
    std::vector<int> slotOfAxis;
    std::vector<std::size_t> lutOffset;  // per axis
    std::vector<std::uint16_t> luts;
    bool complete = true;  // every tree has a cell table
};

CompiledTrees::CompiledTrees() : m_indexMutex(std::make_unique<std::mutex>()) {}
CompiledTrees::~CompiledTrees() = default;
// Moves take the trees and leave both objects with their own mutex (the
// index cache is rebuilt on demand).
CompiledTrees::CompiledTrees(CompiledTrees&& other) noexcept : CompiledTrees()
{
    *this = std::move(other);
}

CompiledTrees& CompiledTrees::operator=(CompiledTrees&& other) noexcept
{
    if (this == &other)
        return *this;
    m_nodes = std::move(other.m_nodes);
    m_values = std::move(other.m_values);
    m_trees = std::move(other.m_trees);
    m_axes = std::move(other.m_axes);
    m_cellValues = std::move(other.m_cellValues);
    m_index.reset();
    other.m_index.reset();
    return *this;
}

void CompiledTrees::clear()
{
    m_nodes.clear();
    m_values.clear();
    m_trees.clear();
    m_axes.clear();
    m_cellValues.clear();
    std::lock_guard lock(*m_indexMutex);
    m_index.reset();
}

void CompiledTrees::add(const TreeArrays& tree, double scale, int column, bool vote)
{
    Tree t;
    t.nodeOffset = m_nodes.size();
    t.valueOffset = m_values.size();
    t.width = tree.nOutputs;
    t.column = column;
    t.depth = tree.depth();
    const int n = tree.nodeCount();
    // Breadth-first renumbering gives each pair of siblings consecutive slots.
    std::vector<int> order;
    order.reserve(static_cast<std::size_t>(n));
    std::vector<int> newIndex(static_cast<std::size_t>(n), -1);
    order.push_back(0);
    newIndex[0] = 0;
    for (std::size_t q = 0; q < order.size(); ++q) {
        const int old = order[q];
        if (tree.isLeaf(old))
            continue;
        const int l = tree.left[static_cast<std::size_t>(old)];
        const int r = tree.right[static_cast<std::size_t>(old)];
        newIndex[static_cast<std::size_t>(l)] = static_cast<int>(order.size());
        order.push_back(l);
        newIndex[static_cast<std::size_t>(r)] = static_cast<int>(order.size());
        order.push_back(r);
    }
    m_nodes.resize(t.nodeOffset + order.size());
    m_values.resize(t.valueOffset + order.size() * static_cast<std::size_t>(t.width), 0.0);
    for (std::size_t q = 0; q < order.size(); ++q) {
        const int old = order[q];
        Node& node = m_nodes[t.nodeOffset + q];
        if (tree.isLeaf(old)) {
            // x > +inf is never true, so a leaf keeps every row where it is.
            node.threshold = std::numeric_limits<double>::infinity();
            node.feature = 0;
            node.left = static_cast<std::int32_t>(q);
            const double* v = tree.valueOf(old);
            double* dst = m_values.data() + t.valueOffset + q * static_cast<std::size_t>(t.width);
            if (vote) {
                // The first most likely class wins ties, as numpy's argmax.
                dst[std::max_element(v, v + t.width) - v] = scale;
            } else {
                for (int k = 0; k < t.width; ++k)
                    dst[k] = scale * v[k];
            }
        } else {
            node.threshold = tree.threshold[static_cast<std::size_t>(old)];
            node.feature = tree.feature[static_cast<std::size_t>(old)];
            node.left = newIndex[static_cast<std::size_t>(tree.left[static_cast<std::size_t>(old)])];
        }
    }
    buildCells(t);
    m_trees.push_back(t);
    std::lock_guard lock(*m_indexMutex);
    m_index.reset();
}

void CompiledTrees::buildCells(Tree& t)
{
    t.cellCount = 0;
    t.cellValueOffset = m_cellValues.size();
    t.axisOffset = m_axes.size();
    t.axisCount = 0;
    const Node* nodes = m_nodes.data() + t.nodeOffset;
    const std::size_t n = m_nodes.size() - t.nodeOffset;
    std::vector<Axis> axes;
    for (std::size_t i = 0; i < n; ++i) {
        if (nodes[i].left == static_cast<std::int32_t>(i))
            continue;  // leaf
        auto it = std::find_if(axes.begin(), axes.end(), [&](const Axis& a) { return a.feature == nodes[i].feature; });
        if (it == axes.end()) {
            axes.push_back({nodes[i].feature, 0, {}});
            it = axes.end() - 1;
        }
        it->thresholds.push_back(nodes[i].threshold);
    }
    std::sort(axes.begin(), axes.end(), [](const Axis& a, const Axis& b) { return a.feature < b.feature; });
    std::size_t cells = 1;
    for (Axis& a : axes) {
        std::sort(a.thresholds.begin(), a.thresholds.end());
        a.thresholds.erase(std::unique(a.thresholds.begin(), a.thresholds.end()), a.thresholds.end());
        a.cellStride = cells;
        cells *= a.thresholds.size() + 1;
        if (cells > kMaxCells)
            return;
    }
    if (m_cellValues.size() + cells * static_cast<std::size_t>(t.width) > kMaxCellValues)
        return;
    // Each split as (axis, index of its threshold): a cell goes left when its
    // interval on that axis is at most that index.
    std::vector<int> axisOf(n, -1), boundOf(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        if (nodes[i].left == static_cast<std::int32_t>(i))
            continue;
        for (std::size_t a = 0; a < axes.size(); ++a)
            if (axes[a].feature == nodes[i].feature) {
                axisOf[i] = static_cast<int>(a);
                const auto& th = axes[a].thresholds;
                boundOf[i] = static_cast<int>(std::lower_bound(th.begin(), th.end(), nodes[i].threshold) - th.begin());
            }
    }
    m_cellValues.resize(t.cellValueOffset + cells * static_cast<std::size_t>(t.width));
    for (std::size_t c = 0; c < cells; ++c) {
        std::size_t node = 0;
        while (nodes[node].left != static_cast<std::int32_t>(node)) {
            const Axis& a = axes[static_cast<std::size_t>(axisOf[node])];
            const auto interval = static_cast<int>((c / a.cellStride) % (a.thresholds.size() + 1));
            node = static_cast<std::size_t>(nodes[node].left) + (interval <= boundOf[node] ? 0 : 1);
        }
        const double* v = m_values.data() + t.valueOffset + node * static_cast<std::size_t>(t.width);
        std::copy(v, v + t.width, m_cellValues.begin() + static_cast<std::ptrdiff_t>(t.cellValueOffset + c * static_cast<std::size_t>(t.width)));
    }
    t.cellCount = cells;
    t.axisCount = static_cast<int>(axes.size());
    for (Axis& a : axes)
        m_axes.push_back(std::move(a));
}

std::shared_ptr<const CompiledTrees::CellIndex> CompiledTrees::cellIndex() const
{
    std::lock_guard lock(*m_indexMutex);
    if (m_index)
        return m_index;
    auto index = std::make_shared<CellIndex>();
    for (const Tree& t : m_trees)
        index->complete = index->complete && t.cellCount > 0;
    if (index->complete) {
        int features = 0;
        for (const Axis& a : m_axes)
            features = std::max(features, a.feature + 1);
        index->slotOfFeature.assign(static_cast<std::size_t>(features), -1);
        for (const Axis& a : m_axes) {
            int& slot = index->slotOfFeature[static_cast<std::size_t>(a.feature)];
            if (slot < 0) {
                slot = static_cast<int>(index->featureOfSlot.size());
                index->featureOfSlot.push_back(a.feature);
                index->bounds.emplace_back();
            }
            auto& b = index->bounds[static_cast<std::size_t>(slot)];
            b.insert(b.end(), a.thresholds.begin(), a.thresholds.end());
        }
        for (auto& b : index->bounds) {
            std::sort(b.begin(), b.end());
            b.erase(std::unique(b.begin(), b.end()), b.end());
        }
        // lut[g] = the tree's thresholds below a value in interval g of the union.
        for (const Axis& a : m_axes) {
            const int slot = index->slotOfFeature[static_cast<std::size_t>(a.feature)];
            const auto& b = index->bounds[static_cast<std::size_t>(slot)];
            index->slotOfAxis.push_back(slot);
            index->lutOffset.push_back(index->luts.size());
            std::size_t below = 0;
            for (std::size_t g = 0; g <= b.size(); ++g) {
                if (g > 0 && below < a.thresholds.size() && a.thresholds[below] == b[g - 1])
                    ++below;
                index->luts.push_back(static_cast<std::uint16_t>(below));
            }
        }
    }
    m_index = std::move(index);
    return m_index;
}

void CompiledTrees::accumulate(const Matrix& X, Matrix& out, std::size_t begin, std::size_t end, int threads) const
{
    end = std::min(end, m_trees.size());
    if (begin >= end || X.rows() == 0)
        return;
    bool cells = true;
    for (std::size_t t = begin; t < end && cells; ++t)
        cells = m_trees[t].cellCount > 0;
    std::shared_ptr<const CellIndex> index = cells ? cellIndex() : nullptr;
    if (index && !index->complete)
        index.reset();
    const Eigen::Index blockRows = index ? kCellBlockRows : kBlockRows;
    const Eigen::Index blocks = (X.rows() + blockRows - 1) / blockRows;
    // Small inputs: starting threads would cost more than it saves.
    const int useThreads = X.rows() < 2048 ? 1 : threads;
    parallelFor(0, static_cast<std::size_t>(blocks), useThreads, [&](std::size_t b) {
        const Eigen::Index row0 = static_cast<Eigen::Index>(b) * blockRows;
        const Eigen::Index rows = std::min(blockRows, X.rows() - row0);
        if (index)
            cellBlock(*index, X, out, row0, rows, begin, end);
        else
            walkBlock(X, out, row0, rows, begin, end);
    });
}

void CompiledTrees::cellBlock(const CellIndex& index, const Matrix& X, Matrix& out, Eigen::Index row0,
                              Eigen::Index rows, std::size_t begin, std::size_t end) const
{
    // The interval of every row on every split feature, once for all trees.
    const std::size_t slots = index.featureOfSlot.size();
    std::vector<std::uint16_t> interval(slots * static_cast<std::size_t>(rows));
    for (std::size_t s = 0; s < slots; ++s) {
        const double* col = X.data() + static_cast<Eigen::Index>(index.featureOfSlot[s]) * X.rows() + row0;
        for (Eigen::Index r = 0; r < rows; ++r)
            interval[s * static_cast<std::size_t>(rows) + static_cast<std::size_t>(r)] = intervalOf(index.bounds[s], col[r]);
    }
    std::vector<std::uint32_t> cell(static_cast<std::size_t>(rows));
    auto lutOf = [&](std::size_t axis) { return index.luts.data() + index.lutOffset[axis]; };
    auto intervalsOf = [&](std::size_t axis) {
        return interval.data() + static_cast<std::size_t>(index.slotOfAxis[axis]) * static_cast<std::size_t>(rows);
    };
    // Trees on the same two features with one or two outputs (boosting trees,
    // binary forest trees of a 2-D lab) go four at a time: one pass over the
    // rows instead of four. Each row still adds them in tree order.
    auto twoAxes = [&](std::size_t ti, const Tree& first) {
        const Tree& t = m_trees[ti];
        return t.axisCount == 2 && t.width == first.width && t.column == first.column
               && index.slotOfAxis[t.axisOffset] == index.slotOfAxis[first.axisOffset]
               && index.slotOfAxis[t.axisOffset + 1] == index.slotOfAxis[first.axisOffset + 1];
    };
    constexpr std::size_t kGroup = 4;
    for (std::size_t ti = begin; ti < end; ++ti) {
        const Tree& t = m_trees[ti];
        if (t.axisCount == 2 && t.width <= 2 && ti + kGroup <= end && twoAxes(ti + 1, t) && twoAxes(ti + 2, t)
            && twoAxes(ti + 3, t)) {
            const std::uint16_t* lut0[kGroup];
            const std::uint16_t* lut1[kGroup];
            std::uint32_t stride[kGroup];
            const double* values[kGroup];
            for (std::size_t j = 0; j < kGroup; ++j) {
                const Tree& tj = m_trees[ti + j];
                lut0[j] = lutOf(tj.axisOffset);
                lut1[j] = lutOf(tj.axisOffset + 1);
                stride[j] = static_cast<std::uint32_t>(m_axes[tj.axisOffset + 1].cellStride);
                values[j] = m_cellValues.data() + tj.cellValueOffset;
            }
            const std::uint16_t* g0 = intervalsOf(t.axisOffset);
            const std::uint16_t* g1 = intervalsOf(t.axisOffset + 1);
            double* o0 = out.data() + static_cast<Eigen::Index>(t.column) * out.rows() + row0;
            if (t.width == 1) {
                for (Eigen::Index r = 0; r < rows; ++r) {
                    double sum = o0[r];
                    for (std::size_t j = 0; j < kGroup; ++j)
                        sum += values[j][lut0[j][g0[r]] + lut1[j][g1[r]] * stride[j]];
                    o0[r] = sum;
                }
            } else {
                double* o1 = o0 + out.rows();
                for (Eigen::Index r = 0; r < rows; ++r) {
                    double sum0 = o0[r], sum1 = o1[r];
                    for (std::size_t j = 0; j < kGroup; ++j) {
                        const double* v = values[j] + 2 * (lut0[j][g0[r]] + lut1[j][g1[r]] * stride[j]);
                        sum0 += v[0];
                        sum1 += v[1];
                    }
                    o0[r] = sum0;
                    o1[r] = sum1;
                }
            }
            ti += kGroup - 1;
            continue;
        }
        // Cell numbers; one or two axes (the decision-boundary case) in a single pass.
        std::uint32_t* c = cell.data();
        if (t.axisCount == 0) {
            std::fill(cell.begin(), cell.end(), 0u);
        } else if (t.axisCount == 1) {
            const std::uint16_t* lut = lutOf(t.axisOffset);
            const std::uint16_t* g = intervalsOf(t.axisOffset);
            for (Eigen::Index r = 0; r < rows; ++r)
                c[r] = lut[g[r]];
        } else if (t.axisCount == 2 && t.width == 1) {
            // The 2-D decision-boundary case with one output (a boosting tree)
            // in one pass: cell, value and sum.
            const std::uint16_t* lut0 = lutOf(t.axisOffset);
            const std::uint16_t* lut1 = lutOf(t.axisOffset + 1);
            const std::uint16_t* g0 = intervalsOf(t.axisOffset);
            const std::uint16_t* g1 = intervalsOf(t.axisOffset + 1);
            const auto stride = static_cast<std::uint32_t>(m_axes[t.axisOffset + 1].cellStride);
            const double* values = m_cellValues.data() + t.cellValueOffset;
            double* o = out.data() + static_cast<Eigen::Index>(t.column) * out.rows() + row0;
            for (Eigen::Index r = 0; r < rows; ++r)
                o[r] += values[lut0[g0[r]] + lut1[g1[r]] * stride];
            continue;
        } else if (t.axisCount == 2) {
            const std::uint16_t* lut0 = lutOf(t.axisOffset);
            const std::uint16_t* lut1 = lutOf(t.axisOffset + 1);
            const std::uint16_t* g0 = intervalsOf(t.axisOffset);
            const std::uint16_t* g1 = intervalsOf(t.axisOffset + 1);
            const auto stride = static_cast<std::uint32_t>(m_axes[t.axisOffset + 1].cellStride);
            for (Eigen::Index r = 0; r < rows; ++r)
                c[r] = lut0[g0[r]] + lut1[g1[r]] * stride;
        } else {
            std::fill(cell.begin(), cell.end(), 0u);
            for (int a = 0; a < t.axisCount; ++a) {
                const std::size_t axis = t.axisOffset + static_cast<std::size_t>(a);
                const std::uint16_t* lut = lutOf(axis);
                const std::uint16_t* g = intervalsOf(axis);
                const auto stride = static_cast<std::uint32_t>(m_axes[axis].cellStride);
                for (Eigen::Index r = 0; r < rows; ++r)
                    c[r] += lut[g[r]] * stride;
            }
        }
        const double* values = m_cellValues.data() + t.cellValueOffset;
        const auto width = static_cast<std::size_t>(t.width);
        for (std::size_t k = 0; k < width; ++k) {
            double* o = out.data() + static_cast<Eigen::Index>(t.column + static_cast<int>(k)) * out.rows() + row0;
            const double* v = values + k;
            for (Eigen::Index r = 0; r < rows; ++r)
                o[r] += v[static_cast<std::size_t>(c[r]) * width];
        }
    }
}

void CompiledTrees::walkBlock(const Matrix& X, Matrix& out, Eigen::Index row0, Eigen::Index rows,
                                    std::size_t begin, std::size_t end) const
{
    const Eigen::Index nf = X.cols();
    // The block transposed to row-major: each walk step reads one row's
    // features from a small, hot buffer instead of striding across X.
    std::vector<double> xb(static_cast<std::size_t>(rows * nf));
    for (Eigen::Index f = 0; f < nf; ++f) {
        const double* col = X.data() + f * X.rows() + row0;
        for (Eigen::Index r = 0; r < rows; ++r)
            xb[static_cast<std::size_t>(r * nf + f)] = col[r];
    }
    std::int32_t idx[kBlockRows];
    const double* xr = xb.data();
    for (std::size_t ti = begin; ti < end; ++ti) {
        const Tree& t = m_trees[ti];
        const Node* nodes = m_nodes.data() + t.nodeOffset;
        std::fill(idx, idx + rows, 0);
        // All rows step together, a level at a time, until none moves (leaves
        // point to themselves). Dropping finished rows from the loop measured
        // slower: it adds a dependent load and a store per step.
        for (int level = 0; level < t.depth; ++level) {
            std::int32_t moved = 0;
            for (Eigen::Index r = 0; r < rows; ++r) {
                const Node& nd = nodes[idx[r]];
                const std::int32_t next = nd.left + (xr[r * nf + nd.feature] > nd.threshold ? 1 : 0);
                moved |= next ^ idx[r];
                idx[r] = next;
            }
            if (!moved)
                break;
        }
        const double* values = m_values.data() + t.valueOffset;
        for (int k = 0; k < t.width; ++k) {
            double* o = out.data() + static_cast<Eigen::Index>(t.column + k) * out.rows() + row0;
            for (Eigen::Index r = 0; r < rows; ++r)
                o[r] += values[static_cast<std::size_t>(idx[r]) * static_cast<std::size_t>(t.width) + static_cast<std::size_t>(k)];
        }
    }
}

}  // namespace dslab
