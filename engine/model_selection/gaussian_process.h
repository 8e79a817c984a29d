// A small Gaussian-process regressor for Bayesian optimisation: Matérn 5/2
// kernel with one length scale on inputs scaled to the unit cube, targets
// standardized, and the length scale and noise chosen from a short list by
// the log marginal likelihood (robust without a gradient optimiser, and
// enough for the few dozen points a search evaluates).
#pragma once

#include "engine/core/types.h"

namespace dslab {

class GaussianProcess {
public:
    // X: one row per point in [0, 1]^d; y: observed values. Throws DataError
    // when there are no points or the shapes differ.
    void fit(const Matrix& X, const Vector& y);
    // Posterior mean and standard deviation (in y's units) at each row of X.
    void predict(const Matrix& X, Vector& mean, Vector& stddev) const;
    double lengthScale() const { return m_lengthScale; }
    double noise() const { return m_noise; }

private:
    Matrix kernel(const Matrix& A, const Matrix& B, double lengthScale) const;
    Matrix m_X;
    Matrix m_cholesky;  // lower factor of K + noise I
    Vector m_alpha;     // (K + noise I)^-1 (y - mean) / scale
    double m_yMean = 0;
    double m_yScale = 1;
    double m_lengthScale = 0.3;
    double m_noise = 1e-6;
};

}  // namespace dslab
