// Exact CART growth as scikit-learn's BestSplitter does it: at each node the
// samples are sorted on each candidate feature and every boundary between
// distinct values is scored, with the same criteria, stopping rules and
// threshold placement (midpoints). Used by single decision trees and AdaBoost.
#pragma once

#include "engine/core/types.h"
#include "engine/models/trees/tree_arrays.h"

#include <cstdint>
#include <vector>

namespace dslab {

enum class SplitCriterion { Gini, Entropy, SquaredError };

struct TreeGrowthParams {
    SplitCriterion criterion = SplitCriterion::Gini;
    int maxDepth = -1;  // < 0: unlimited
    int minSamplesSplit = 2;
    int minSamplesLeaf = 1;
    int maxFeatures = 0;  // features scored per node; <= 0 or >= n: all, in index order
    double minImpurityDecrease = 0.0;
};

// The target: class codes 0..nClasses-1, or real values (regression).
struct TreeTarget {
    const int* codes = nullptr;
    int nClasses = 0;
    const double* values = nullptr;
};

// Rows with zero weight do not take part. Classification trees store class
// proportions as node values; regression trees the weighted mean. `seed`
// plays scikit-learn's random_state: it orders the features tried at each node.
TreeArrays growExactTree(const Matrix& X, const TreeTarget& target, const std::vector<double>& sampleWeight,
                         const TreeGrowthParams& params, std::uint32_t seed);

}  // namespace dslab
