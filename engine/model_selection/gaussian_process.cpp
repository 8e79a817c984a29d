#include "engine/model_selection/gaussian_process.h"

#include "engine/core/errors.h"

#include <Eigen/Cholesky>
#include <cmath>
#include <limits>

namespace dslab {

Matrix GaussianProcess::kernel(const Matrix& A, const Matrix& B, double lengthScale) const
{
    const double root5 = std::sqrt(5.0);
    Matrix K(A.rows(), B.rows());
    for (Eigen::Index i = 0; i < A.rows(); ++i)
        for (Eigen::Index j = 0; j < B.rows(); ++j) {
            const double r = (A.row(i) - B.row(j)).norm() / lengthScale;
            K(i, j) = (1 + root5 * r + 5.0 / 3.0 * r * r) * std::exp(-root5 * r);
        }
    return K;
}

void GaussianProcess::fit(const Matrix& X, const Vector& y)
{
    if (X.rows() == 0 || X.rows() != y.size())
        throw DataError("Gaussian process: needs at least one point and one value per point");
    m_X = X;
    m_yMean = y.mean();
    const double var = (y.array() - m_yMean).square().mean();
    m_yScale = var > 1e-24 ? std::sqrt(var) : 1.0;
    const Vector t = (y.array() - m_yMean).matrix() / m_yScale;
    const auto n = static_cast<double>(y.size());

    double bestLikelihood = -std::numeric_limits<double>::infinity();
    for (double lengthScale : {0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0})
        for (double noise : {1e-6, 1e-3, 1e-2, 0.1}) {
            Matrix K = kernel(X, X, lengthScale);
            K.diagonal().array() += noise;
            Eigen::LLT<Matrix> llt(K);
            if (llt.info() != Eigen::Success)
                continue;
            const Vector alpha = llt.solve(t);
            const Matrix L = llt.matrixL();
            const double logLikelihood = -0.5 * t.dot(alpha) - L.diagonal().array().log().sum()
                                         - 0.5 * n * std::log(2 * 3.141592653589793);
            if (logLikelihood > bestLikelihood) {
                bestLikelihood = logLikelihood;
                m_lengthScale = lengthScale;
                m_noise = noise;
                m_cholesky = L;
                m_alpha = alpha;
            }
        }
    if (!std::isfinite(bestLikelihood))
        throw DataError("Gaussian process: the kernel matrix is singular even with added noise");
}

void GaussianProcess::predict(const Matrix& X, Vector& mean, Vector& stddev) const
{
    const Matrix Ks = kernel(X, m_X, m_lengthScale);  // new points x training points
    mean = (Ks * m_alpha).array() * m_yScale + m_yMean;
    const Matrix v = m_cholesky.triangularView<Eigen::Lower>().solve(Ks.transpose());
    stddev.resize(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        stddev(i) = std::sqrt(std::max(1e-12, 1.0 - v.col(i).squaredNorm())) * m_yScale;
}

}  // namespace dslab
