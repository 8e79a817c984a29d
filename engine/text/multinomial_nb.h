// MultinomialNB, scikit-learn's naive Bayes for counts (and TF-IDF): each
// class has a distribution over terms, estimated as
//   feature_log_prob[c, j] = ln((N_cj + alpha) / (N_c + alpha * n_features))
// (N_cj: sum of column j over the class's rows; alpha: additive smoothing so
// an unseen term does not zero a class), and
//   class_log_prior[c] = ln(n_c / n) when fit_prior, else -ln(K).
// Scores are X * feature_log_prob^T + class_log_prior; probabilities are
// those scores normalised in log space (log-sum-exp), so long documents
// whose scores are -1e4 still give exact probabilities instead of 0/0.
//
// Fits on the sparse matrix of a TextVectorizer (a Pipeline starting with a
// vectorizer hands it over through SparseEstimator) or on a dense Matrix of
// non-negative features.
#pragma once

#include "engine/core/component.h"
#include "engine/core/sparse_estimator.h"
#include "engine/text/sparse_matrix.h"

namespace dslab {

class MultinomialNB : public Estimator, public SparseEstimator {
public:
    std::string typeName() const override { return "MultinomialNB"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }

    // X: non-negative features (counts, TF-IDF); y: class labels as numbers.
    // Throws DataError for negative values, NaN or mismatched lengths.
    void fit(const SparseMatrix& X, const Vector& y);
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;

    void fitSparse(const SparseMatrix& X, const Vector& y, TrainContext&) override { fit(X, y); }
    Vector predictSparse(const SparseMatrix& X) const override { return predict(X); }
    Matrix predictProbaSparse(const SparseMatrix& X) const override { return predictProba(X); }

    Vector predict(const SparseMatrix& X) const;
    Matrix predictProba(const SparseMatrix& X) const;
    Matrix predictLogProba(const SparseMatrix& X) const;
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
    Matrix predictLogProba(const Matrix& X) const;

    const std::vector<double>& classes() const override { return m_classes; }
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's class_log_prior_ (K), feature_log_prob_ (K x n_features),
    // class_count_ and feature_count_.
    const Vector& classLogPrior() const { return m_classLogPrior; }
    const Matrix& featureLogProb() const { return m_featureLogProb; }
    const Vector& classCount() const { return m_classCount; }
    const Matrix& featureCount() const { return m_featureCount; }

    // {"fitted", "classes", "class_count", "feature_count", "class_log_prior", "feature_log_prob"}
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    // Learns from the per-class sums once they are accumulated.
    void finishFit();
    void checkFeatures(Eigen::Index cols) const;
    // Joint log-likelihood to log-probabilities, row by row (log-sum-exp).
    static Matrix normaliseLogProba(Matrix jointLogLikelihood);
    Vector labelsToPredictions(const Matrix& jointLogLikelihood) const;

    std::vector<double> m_classes;
    Vector m_classCount;
    Matrix m_featureCount;
    Vector m_classLogPrior;
    Matrix m_featureLogProb;
    bool m_fitted = false;
};

}  // namespace dslab
