// Exact t-SNE (van der Maaten and Hinton 2008) with scikit-learn 1.2's
// parameters and schedule: squared euclidean distances, a binary search of
// each row's Gaussian precision to the perplexity, symmetrised joint P,
// Student-t Q, 250 iterations of early exaggeration at momentum 0.5, then
// momentum 0.8, per-coordinate gains (delta-bar-delta, min_gain 0.01).
// O(N²) per iteration, parallel over rows with per-row results summed in
// row order, so the embedding is the same for any thread count.
//
// t-SNE embeds the rows it is given and nothing else: it has no transform
// for new rows and no inverse. So it is not a Transformer (a Pipeline would
// call transform on test rows) and not in the Catalog; it is a Component
// for its ParamSpec table, state and observability, used through
// fitTransform().
#pragma once

#include "engine/core/component.h"

#include <string>

namespace dslab {

class TSNE final : public Component {
public:
    std::string typeName() const override { return "TSNE"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isFitted() const override { return m_fitted; }

    // Embeds X's rows (N x n_components). Reports each iteration through
    // ctx (TrainStep::trainLoss is the KL divergence when it was computed:
    // every 10th iteration, the convergence checks and the last); the
    // observer's Predictor view leads back to this object (component()), so
    // it can read embedding() mid-optimisation. Cancelling keeps the
    // embedding as far as it got.
    Matrix fitTransform(const Matrix& X, TrainContext& ctx);

    const Matrix& embedding() const { return m_embedding; }  // embedding_
    double klDivergence() const { return m_klDivergence; }   // kl_divergence_
    int nIter() const { return m_nIter; }                     // n_iter_ (last iteration index, as scikit-learn)
    double learningRateUsed() const { return m_learningRate; }  // learning_rate_

    // The message for anyone asking t-SNE to embed new rows.
    static const char* noTransformMessage();

    // The pieces, public for tests. Squared euclidean distances (the
    // Gram-matrix form scikit-learn uses, clipped at 0, zero diagonal).
    static Matrix squaredDistances(const Matrix& X);
    // Row i: p(j|i) with the precision found by binary search so that the
    // row's perplexity is `perplexity` (scikit-learn's _binary_search_perplexity,
    // distances rounded to float as it does).
    static Matrix conditionalProbabilities(const Matrix& sqDistances, double perplexity, int threads);
    // (P + Pᵀ) / sum, floored at machine epsilon off the diagonal, zero on it
    // (scikit-learn's _joint_probabilities in square form).
    static Matrix jointProbabilities(const Matrix& sqDistances, double perplexity, int threads);
    // KL(P || Q) for the embedding Y and its gradient (N x n_components),
    // with Q's Student-t of max(n_components − 1, 1) degrees of freedom
    // (P rounded to float, as the optimisation keeps it).
    static double klDivergenceAndGradient(const Matrix& P, const Matrix& Y, Matrix* gradient, int threads);

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    class View;
    void resetFitted();

    bool m_fitted = false;
    Matrix m_embedding;
    double m_klDivergence = 0;
    double m_learningRate = 0;
    int m_nIter = 0;
};

}  // namespace dslab
