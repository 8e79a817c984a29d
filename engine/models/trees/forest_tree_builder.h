// Growth of one random-forest tree on binned features: at each node a random
// subset of features is scored from per-bin histograms (class weights or
// target sums), large nodes by histogram and small ones by sorting their few
// codes. The criteria and stopping rules are scikit-learn's.
#pragma once

#include "engine/models/trees/cart_builder.h"
#include "engine/models/trees/tree_arrays.h"

#include <cstdint>
#include <vector>

namespace dslab {

class FeatureBins;
class TreeRandom;

// Read-only inputs shared by every tree of one fit.
struct BinnedTrainingSet {
    const std::uint8_t* codes = nullptr;  // column-major, FeatureBins::codesByColumn
    Eigen::Index rows = 0;
    int features = 0;
    const FeatureBins* bins = nullptr;
    TreeTarget target;
    const double* classWeight = nullptr;  // per class; null = all 1
};

// `counts[i]` is how often row i is in the tree's sample (bootstrap); rows with
// 0 are out of bag. `leafOfRow` (optional) receives every row's leaf, out-of-bag
// rows included.
TreeArrays growForestTree(const BinnedTrainingSet& data, const std::vector<std::uint32_t>& counts,
                          const TreeGrowthParams& params, TreeRandom& rng, std::vector<int>* leafOfRow);

}  // namespace dslab
