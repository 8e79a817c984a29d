// scikit-learn's silhouette_samples / silhouette_score (Euclidean): s = (b − a) /
// max(a, b), a = mean distance within the own cluster, b = to the nearest other
// cluster; 0 for a sample alone in its cluster.
#pragma once

#include "engine/core/types.h"

namespace dslab {

// labels: any numbers (cluster indices or class codes), one per row of X.
// Throws DataError unless 2 <= distinct labels <= n_samples - 1.
Vector silhouetteSamples(const Matrix& X, const Vector& labels, int threads = 1);
// The mean of silhouetteSamples (scikit-learn's silhouette_score).
double silhouetteScore(const Matrix& X, const Vector& labels, int threads = 1);

}  // namespace dslab
