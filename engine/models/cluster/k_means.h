// KMeans as scikit-learn's: Lloyd iterations from greedy k-means++ starts, best
// of n_init runs. A clusterer behind the Estimator API (fit ignores y, predict
// gives the nearest centre); each iteration is reported with its inertia.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class KMeans final : public Estimator {
public:
    std::string typeName() const override { return "KMeans"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return false; }
    bool isFitted() const override { return m_fitted; }

    // y is ignored (an empty Vector is fine). Seeds come from ctx.seed.
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    // Index (0..n_clusters-1) of the nearest cluster centre of each row.
    Vector predict(const Matrix& X) const override;
    // Throws: a clusterer has no class probabilities.
    Matrix predictProba(const Matrix& X) const override;
    // Mean squared distance to the nearest centre (inertia per sample); y is ignored.
    double loss(const Matrix& X, const Vector& y) const override;

    // scikit-learn's transform: Euclidean distance of each row to each centre.
    Matrix transform(const Matrix& X) const;
    // scikit-learn's score: minus the inertia of X.
    double score(const Matrix& X) const;

    const Matrix& clusterCenters() const { return m_centers; }  // cluster_centers_ (k x d)
    const Vector& labels() const { return m_labels; }           // labels_ of the training rows
    double inertia() const { return m_inertia; }                // inertia_
    int nIter() const { return m_nIter; }                       // n_iter_ of the best run

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void resetFitted();
    void requireFitted(const Matrix& X) const;

    bool m_fitted = false;
    Matrix m_centers;
    Vector m_labels;
    double m_inertia = 0;
    int m_nIter = 0;
};

}  // namespace dslab
