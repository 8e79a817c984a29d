#include "engine/models/neighbors/k_neighbors_regressor.h"

namespace dslab {

void KNeighborsRegressor::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    fitNeighbors(X, y, ctx);
}

Vector KNeighborsRegressor::predict(const Matrix& X) const
{
    Matrix distances;
    IndexMatrix indices;
    kneighbors(X, distances, indices);
    const Matrix w = neighborWeights(distances);
    Vector out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        double num = 0, den = 0;
        for (Eigen::Index j = 0; j < indices.cols(); ++j) {
            num += w(i, j) * m_y(indices(i, j));
            den += w(i, j);
        }
        out(i) = num / den;
    }
    return out;
}

}  // namespace dslab
