// The weighted logistic loss and its gradient as two matrix products, the one
// vectorized kernel all LogisticRegression solvers share. Parameters W (features x
// columns) and b: one column for a binary problem (sigmoid), K otherwise (softmax).
#pragma once

#include "engine/core/sparse_matrix.h"
#include "engine/core/types.h"

#include <Eigen/Core>

namespace dslab {

struct LogisticFit {
    double weightedLoss = 0;  // sum_i w_i * loss_i
    double meanLoss = 0;      // unweighted mean log loss (what a learner calls the training loss)
    double accuracy = 0;      // share of rows whose most probable class is the true one
};

class LogisticLoss {
public:
    // codes: class of each row as 0..classes-1; weights: one per row. X,
    // codes and weights must outlive this object (it keeps references).
    LogisticLoss(const Matrix& X, const Eigen::VectorXi& codes, int classes, const Vector& weights, bool fitIntercept);
    // The same loss on sparse features (a text vectorizer's output): the
    // products X * W and X^T * R skip the zeros.
    LogisticLoss(const SparseMatrix& X, const Eigen::VectorXi& codes, int classes, const Vector& weights,
                 bool fitIntercept);

    Eigen::Index features() const { return m_sparse ? m_sparse->cols() : m_X->cols(); }
    Eigen::Index rows() const { return m_sparse ? m_sparse->rows() : m_X->rows(); }
    int classes() const { return m_classes; }
    // 1 for a binary problem, K for K >= 3 classes.
    int columns() const { return m_columns; }
    bool fitIntercept() const { return m_fitIntercept; }

    // sum_i w_i * loss_i over rows [begin, begin + count) and its gradient
    // with respect to W and b (gradB is left untouched without intercept).
    double lossGradient(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b,
                        Eigen::Ref<Matrix> gradW, Eigen::Ref<Vector> gradB, Eigen::Index begin,
                        Eigen::Index count) const;
    double lossGradient(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b,
                        Eigen::Ref<Matrix> gradW, Eigen::Ref<Vector> gradB) const
    {
        return lossGradient(W, b, gradW, gradB, 0, rows());
    }
    double loss(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b) const;
    // Weighted loss, unweighted mean loss and accuracy on all rows, in one pass.
    LogisticFit evaluate(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b) const;

private:
    // Fills m_scores with the decision values of rows [begin, begin + count).
    void computeScores(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b, Eigen::Index begin,
                       Eigen::Index count) const;

    const Matrix* m_X = nullptr;
    const SparseMatrix* m_sparse = nullptr;
    const Eigen::VectorXi& m_codes;
    const Vector& m_weights;
    int m_classes;
    int m_columns;
    bool m_fitIntercept;
    mutable Matrix m_scores;  // workspace reused across calls (one fit, one thread)
};

// Stable per-row log(1 + exp(z)) and sigmoid, shared with prediction code.
Eigen::ArrayXd logOnePlusExp(const Eigen::ArrayXd& z);
Eigen::ArrayXd sigmoid(const Eigen::ArrayXd& z);
// Row-wise softmax of decision values, in place.
void softmaxRows(Matrix& scores);

}  // namespace dslab
