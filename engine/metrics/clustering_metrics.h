// Agreement between a clustering and known labels. Cluster numbers are
// arbitrary (k-means may call class 0 "cluster 2"), so these scores compare
// which pairs of points are grouped together, not the numbers themselves.
#pragma once

#include "engine/core/types.h"

namespace dslab {

// scikit-learn's adjusted_rand_score: the Rand index corrected for chance,
// 1 for identical partitions (whatever the numbering), about 0 for a random
// one, negative when worse than chance. Throws DataError on unequal lengths.
double adjustedRandScore(const Vector& labelsTrue, const Vector& labelsPred);

}  // namespace dslab
