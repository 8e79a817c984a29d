#include "engine/models/linear/logistic_loss.h"

namespace dslab {

Eigen::ArrayXd logOnePlusExp(const Eigen::ArrayXd& z)
{
    // log(1 + e^z) = max(z, 0) + log1p(e^-|z|): no overflow for large |z|.
    return z.max(0.0) + (-z.abs()).exp().log1p();
}

Eigen::ArrayXd sigmoid(const Eigen::ArrayXd& z)
{
    const Eigen::ArrayXd e = (-z.abs()).exp();
    return (z >= 0).select(1.0 / (1.0 + e), e / (1.0 + e));
}

void softmaxRows(Matrix& scores)
{
    const Vector rowMax = scores.rowwise().maxCoeff();
    scores.colwise() -= rowMax;
    scores = scores.array().exp().matrix();
    const Vector rowSum = scores.rowwise().sum();
    scores.array().colwise() /= rowSum.array();
}

LogisticLoss::LogisticLoss(const Matrix& X, const Eigen::VectorXi& codes, int classes, const Vector& weights,
                           bool fitIntercept)
    : m_X(&X)
    , m_codes(codes)
    , m_weights(weights)
    , m_classes(classes)
    , m_columns(classes <= 2 ? 1 : classes)
    , m_fitIntercept(fitIntercept)
{
}

LogisticLoss::LogisticLoss(const SparseMatrix& X, const Eigen::VectorXi& codes, int classes, const Vector& weights,
                           bool fitIntercept)
    : m_sparse(&X)
    , m_codes(codes)
    , m_weights(weights)
    , m_classes(classes)
    , m_columns(classes <= 2 ? 1 : classes)
    , m_fitIntercept(fitIntercept)
{
}

void LogisticLoss::computeScores(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b,
                                 Eigen::Index begin, Eigen::Index count) const
{
    m_scores.resize(count, m_columns);
    if (m_sparse)
        m_scores.noalias() = m_sparse->middleRows(begin, count) * W;
    else
        m_scores.noalias() = m_X->middleRows(begin, count) * W;
    if (m_fitIntercept)
        m_scores.rowwise() += b.transpose();
}

double LogisticLoss::lossGradient(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b,
                                  Eigen::Ref<Matrix> gradW, Eigen::Ref<Vector> gradB, Eigen::Index begin,
                                  Eigen::Index count) const
{
    computeScores(W, b, begin, count);
    const auto w = m_weights.segment(begin, count).array();
    double loss = 0;
    if (m_columns == 1) {
        const Eigen::ArrayXd z = m_scores.col(0).array();
        // Read from the codes on each call: sgd refills them every epoch.
        const Eigen::ArrayXd y = (m_codes.segment(begin, count).array() == 1).cast<double>();
        loss = (w * (logOnePlusExp(z) - y * z)).sum();
        // The residual w_i (p_i - y_i) replaces the scores in the workspace.
        m_scores.col(0) = (w * (sigmoid(z) - y)).matrix();
    } else {
        Vector trueScore(count);
        for (Eigen::Index i = 0; i < count; ++i)
            trueScore(i) = m_scores(i, m_codes(begin + i));
        const Vector rowMax = m_scores.rowwise().maxCoeff();
        m_scores.colwise() -= rowMax;
        m_scores = m_scores.array().exp().matrix();
        const Vector rowSum = m_scores.rowwise().sum();
        // loss_i = logsumexp(z_i) - z_i,y
        loss = (w * (rowMax.array() + rowSum.array().log() - trueScore.array())).sum();
        m_scores.array().colwise() /= rowSum.array();
        for (Eigen::Index i = 0; i < count; ++i)
            m_scores(i, m_codes(begin + i)) -= 1.0;
        m_scores.array().colwise() *= w;
    }
    if (m_sparse)
        gradW.noalias() = m_sparse->middleRows(begin, count).transpose() * m_scores;
    else
        gradW.noalias() = m_X->middleRows(begin, count).transpose() * m_scores;
    if (m_fitIntercept)
        gradB = m_scores.colwise().sum().transpose();
    return loss;
}

double LogisticLoss::loss(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b) const
{
    return evaluate(W, b).weightedLoss;
}

LogisticFit LogisticLoss::evaluate(const Eigen::Ref<const Matrix>& W, const Eigen::Ref<const Vector>& b) const
{
    const Eigen::Index n = rows();
    computeScores(W, b, 0, n);
    LogisticFit fit;
    if (n == 0)
        return fit;
    Eigen::ArrayXd perRow(n);
    Eigen::Index correct = 0;
    if (m_columns == 1) {
        const Eigen::ArrayXd z = m_scores.col(0).array();
        const Eigen::ArrayXd y = (m_codes.array() == 1).cast<double>();
        perRow = logOnePlusExp(z) - y * z;
        correct = ((z > 0).cast<double>() == y).count();
    } else {
        for (Eigen::Index i = 0; i < n; ++i) {
            Eigen::Index best = 0;
            const double top = m_scores.row(i).maxCoeff(&best);
            perRow(i) = top + std::log((m_scores.row(i).array() - top).exp().sum()) - m_scores(i, m_codes(i));
            correct += best == m_codes(i) ? 1 : 0;
        }
    }
    fit.weightedLoss = (m_weights.array() * perRow).sum();
    fit.meanLoss = perRow.mean();
    fit.accuracy = static_cast<double>(correct) / static_cast<double>(n);
    return fit;
}

}  // namespace dslab
