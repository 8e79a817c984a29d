// Exact k-nearest-neighbour search for the KNeighbors models: blocked Eigen brute
// force or a k-d tree for low dimensions, both giving the same neighbours in the
// same order (by distance, ties by training-row index, as stable brute force).
#pragma once

#include "engine/core/types.h"

#include <memory>
#include <vector>

namespace dslab {

enum class NeighborAlgorithm { Auto, Brute, KdTree };

using IndexMatrix = Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>;

class NeighborSearch {
public:
    NeighborSearch();
    ~NeighborSearch();
    NeighborSearch(NeighborSearch&&) noexcept;
    NeighborSearch& operator=(NeighborSearch&&) noexcept;

    // Minkowski distance of order p (p = 2 Euclidean, p = 1 Manhattan).
    void build(const Matrix& X, double p, NeighborAlgorithm algorithm, int leafSize);
    bool isBuilt() const;
    bool usesTree() const;
    Eigen::Index size() const;
    // The training matrix the index was built on (n x d).
    const Matrix& data() const;

    // The k nearest training rows of each query row: distances and indices,
    // one row per query, nearest first. Work is split over `threads`.
    void query(const Matrix& Q, int k, Matrix& distances, IndexMatrix& indices, int threads) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dslab
