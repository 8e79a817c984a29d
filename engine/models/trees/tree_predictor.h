// Batched prediction for a list of trees. Trees are walked by blocks of rows,
// a level at a time without branches; trees on few features (2-D decision
// boundaries) become tables of leaf values over the cells their thresholds
// cut, one lookup per row. Each row adds its trees in tree order, so the
// result is the same in either form and on any thread count.
#pragma once

#include "engine/core/types.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace dslab {

struct TreeArrays;

class CompiledTrees {
public:
    CompiledTrees();
    ~CompiledTrees();
    CompiledTrees(CompiledTrees&&) noexcept;
    CompiledTrees& operator=(CompiledTrees&&) noexcept;

    void clear();
    // Leaf values times `scale` are added to output columns [column, column + tree.nOutputs).
    // With `vote`, a leaf adds `scale` to its most likely class only (AdaBoost's SAMME).
    void add(const TreeArrays& tree, double scale, int column, bool vote = false);
    std::size_t size() const { return m_trees.size(); }
    // out(i, c) += contributions of trees [begin, end) for every row i of X.
    void accumulate(const Matrix& X, Matrix& out, std::size_t begin, std::size_t end, int threads) const;

private:
    struct Node {
        double threshold;
        std::int32_t feature;
        std::int32_t left;  // the right child is left + 1; a leaf points to itself
    };
    struct Tree {
        std::size_t nodeOffset;
        std::size_t valueOffset;
        int width;
        int column;
        int depth;
        // Cell table (cellCount == 0: too many cells, walk instead).
        std::size_t cellCount;
        std::size_t cellValueOffset;
        std::size_t axisOffset;  // into m_axes: the features the tree splits on
        int axisCount;
    };
    // One feature of a tree's cell table: its sorted distinct thresholds and
    // the stride of its interval index in the cell number.
    struct Axis {
        int feature;
        std::size_t cellStride;
        std::vector<double> thresholds;
    };
    struct CellIndex;

    void buildCells(Tree& t);
    std::shared_ptr<const CellIndex> cellIndex() const;
    void walkBlock(const Matrix& X, Matrix& out, Eigen::Index row0, Eigen::Index rows, std::size_t begin,
                   std::size_t end) const;
    void cellBlock(const CellIndex& index, const Matrix& X, Matrix& out, Eigen::Index row0, Eigen::Index rows,
                   std::size_t begin, std::size_t end) const;

    std::vector<Node> m_nodes;
    std::vector<double> m_values;
    std::vector<Tree> m_trees;
    std::vector<Axis> m_axes;
    std::vector<double> m_cellValues;
    // Built on first use after trees were added: which interval of the union
    // of all thresholds a value falls in, and per tree how that maps to its own.
    mutable std::unique_ptr<std::mutex> m_indexMutex;
    mutable std::shared_ptr<const CellIndex> m_index;
};

}  // namespace dslab
