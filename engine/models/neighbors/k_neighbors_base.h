// What KNeighborsClassifier and KNeighborsRegressor share: scikit-learn's
// parameters (n_neighbors, weights, algorithm, leaf_size, p, metric, n_jobs),
// storing the training set at fit, kneighbors() and the neighbour weights.
#pragma once

#include "engine/core/component.h"
#include "engine/models/neighbors/neighbor_search.h"

namespace dslab {

class KNeighborsBase : public Estimator {
public:
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isFitted() const override { return m_search.isBuilt(); }
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

    // scikit-learn's kneighbors(): the nearest training rows of each row of
    // X, nearest first (ties by training-row order). nNeighbors <= 0 means
    // the fitted n_neighbors.
    void kneighbors(const Matrix& X, Matrix& distances, IndexMatrix& indices, int nNeighbors = 0) const;

    int nNeighbors() const { return m_k; }
    Eigen::Index nFeaturesIn() const { return m_search.data().cols(); }
    bool usesTree() const { return m_search.usesTree(); }

protected:
    // Validates, stores X and y, builds the search index and reports one step.
    void fitNeighbors(const Matrix& X, const Vector& y, TrainContext& ctx);
    // Per-neighbour weights: ones (uniform) or 1/distance, where a query that
    // coincides with training rows gives them weight 1 and the others 0.
    Matrix neighborWeights(const Matrix& distances) const;
    // Called after the stored y is set (fit or load).
    virtual void onTargetSet() {}
    int predictThreads() const;

    Vector m_y;
    int m_k = 0;
    bool m_distanceWeights = false;

private:
    void buildIndex(const Matrix& X);

    NeighborSearch m_search;
    double m_p = 2;
    NeighborAlgorithm m_algorithm = NeighborAlgorithm::Auto;
    int m_leafSize = 30;
};

}  // namespace dslab
