// train_test_split, seeded, optionally stratified (class proportions kept in
// both parts, as scikit-learn's StratifiedShuffleSplit does).
#pragma once

#include "engine/core/types.h"

#include <cstdint>

namespace dslab {

struct SplitIndices {
    IndexList train;
    IndexList test;
};

// testSize in (0, 1). With stratify, y holds class codes. Throws DataError
// when a class has too few samples to appear in both parts.
SplitIndices trainTestSplit(Eigen::Index rows, double testSize, std::uint64_t seed, const Vector* stratify = nullptr);

}  // namespace dslab
