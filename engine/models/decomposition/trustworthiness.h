// scikit-learn's sklearn.manifold.trustworthiness: how far an embedding's
// nearest neighbours are, in the input space's neighbour ranking, from being
// the input's own nearest neighbours. 1 means every embedded neighbour is an
// input neighbour; lower values mean points that were far got pulled close.
#pragma once

#include "engine/core/types.h"

namespace dslab {

// T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j in the k nearest of i in the
// embedding} max(0, r(i, j) − k), r(i, j) the rank of j among i's neighbours
// by euclidean distance in X (1 = nearest). Needs n_neighbors < n / 2.
// Equal distances are ranked by row index (scikit-learn's quicksort leaves
// their order unspecified). Rows are processed in parallel on `threads`.
double trustworthiness(const Matrix& X, const Matrix& embedded, int nNeighbors = 5, int threads = 1);

}  // namespace dslab
