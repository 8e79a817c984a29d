#include "engine/models/neighbors/k_neighbors_classifier.h"

#include "engine/models/other/model_input.h"

namespace dslab {

void KNeighborsClassifier::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    fitNeighbors(X, y, ctx);
}

void KNeighborsClassifier::onTargetSet()
{
    m_classes = sortedClasses(m_y);
    m_codes = encodeClasses(m_y, m_classes);
}

Matrix KNeighborsClassifier::predictProba(const Matrix& X) const
{
    Matrix distances;
    IndexMatrix indices;
    kneighbors(X, distances, indices);
    const Matrix w = neighborWeights(distances);
    Matrix proba = Matrix::Zero(X.rows(), static_cast<Eigen::Index>(m_classes.size()));
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        for (Eigen::Index j = 0; j < indices.cols(); ++j)
            proba(i, m_codes[static_cast<std::size_t>(indices(i, j))]) += w(i, j);
        const double total = proba.row(i).sum();
        if (total > 0)
            proba.row(i) /= total;
    }
    return proba;
}

Vector KNeighborsClassifier::predict(const Matrix& X) const
{
    const Matrix proba = predictProba(X);
    Vector out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Eigen::Index best = 0;
        proba.row(i).maxCoeff(&best);  // first maximum: the smallest class wins ties
        out(i) = m_classes[static_cast<std::size_t>(best)];
    }
    return out;
}

}  // namespace dslab
