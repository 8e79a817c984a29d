// Growth of one gradient-boosting tree as XGBoost's `hist` does it: gradient
// and hessian sums in per-bin histograms, depth-wise growth a level at a time,
// parallel histograms for the smaller child and subtraction for its sibling,
// XGBoost's gain with min_child_weight, L1/L2 regularization and gamma.
#pragma once

#include "engine/models/trees/tree_arrays.h"

#include <cstdint>
#include <vector>

namespace dslab {

class FeatureBins;
class WorkerTeam;

// Per-row gradient and hessian, in single precision like XGBoost's
// GradientPair: half the memory traffic of the histogram loops.
struct RowGradient {
    float g = 0;
    float h = 0;
};

// Sums of gradients and hessians (histogram bins, node totals) in double.
struct GradientPair {
    double g = 0;
    double h = 0;
};

struct BoostingTreeParams {
    int maxDepth = 6;
    double minChildWeight = 1.0;
    double lambda = 1.0;
    double alpha = 0.0;
    double gamma = 0.0;
    double learningRate = 0.3;
};

class BoostingTreeGrower {
public:
    // The bin codes of `rows` rows twice: row-major (FeatureBins::codesByRow)
    // for histograms, which read every feature of a row, and column-major for
    // partitions, which read one feature of many rows.
    BoostingTreeGrower(const std::uint8_t* rowCodes, const std::uint8_t* columnCodes, std::int64_t rows,
                       const FeatureBins& bins, const BoostingTreeParams& params, WorkerTeam& team);
    ~BoostingTreeGrower();

    // Grows a tree on the given rows (increasing; empty = all rows) with the
    // per-row gradients, trying only `features`. Leaf values include the
    // learning rate.
    TreeArrays grow(const RowGradient* gradients, const std::vector<std::int32_t>& rows,
                    const std::vector<int>& features);

    // After grow(): the rows it used grouped by leaf, and each leaf's slice.
    struct LeafSlice {
        int node;
        std::int64_t begin;
        std::int64_t end;
    };
    const std::vector<std::int32_t>& rowOrder() const { return m_order; }
    const std::vector<LeafSlice>& leafSlices() const { return m_leaves; }
    // Leaf of the last grown tree for a row given by its codes.
    int leafOf(const std::uint8_t* rowCodes) const;

private:
    struct Level;
    void buildHistograms(Level& level, const RowGradient* gradients);
    void partition(Level& level);

    const std::uint8_t* m_codes;
    const std::uint8_t* m_columnCodes;
    std::int64_t m_rows;
    int m_features;
    const FeatureBins& m_bins;
    BoostingTreeParams m_params;
    WorkerTeam& m_team;
    std::vector<int> m_offset;  // first global bin of each feature
    int m_totalBins = 0;
    std::vector<int> m_activeFeatures;
    std::vector<std::int32_t> m_order;
    std::vector<std::int32_t> m_tmpLeft, m_tmpRight;
    std::vector<GradientPair> m_partials;
    std::vector<LeafSlice> m_leaves;
    TreeArrays m_tree;
    std::vector<int> m_splitBin;
};

}  // namespace dslab
