#include "engine/models/cluster/silhouette.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/models/other/model_input.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

Vector silhouetteSamples(const Matrix& X, const Vector& labels, int threads)
{
    const std::string owner = "silhouette_score";
    if (labels.size() != X.rows() || !labels.allFinite())
        throw DataError("silhouette_score needs one finite cluster label per row of X, but X has "
                        + std::to_string(X.rows()) + " rows and there are " + std::to_string(labels.size())
                        + " labels");
    requireFiniteFeatures(X, owner);
    const std::vector<double> distinct = sortedClasses(labels);
    const auto k = static_cast<Eigen::Index>(distinct.size());
    const Eigen::Index n = X.rows();
    if (k < 2 || k > n - 1)
        throw DataError("silhouette_score needs between 2 and n_samples - 1 = " + std::to_string(n - 1)
                        + " distinct cluster labels, but got " + std::to_string(k)
                        + "; with one cluster (or one per sample) there is nothing to compare");
    const std::vector<int> codes = encodeClasses(labels, distinct);
    Vector sizes = Vector::Zero(k);
    for (int c : codes)
        sizes(c) += 1;
    // Distances in blocks of rows with one product each (|a|² + |b|² − 2a·b on
    // centred data), then per-cluster sums with a second product against the
    // one-hot label matrix. Where that formula loses digits to cancellation
    // (points close compared with their norms, duplicates) the distance is
    // recomputed directly, so results match an exact computation to ~1e-13.
    const Matrix Xc = X.rowwise() - X.colwise().mean();
    const Matrix Xct = Xc.transpose();
    const Vector norms = Xc.rowwise().squaredNorm();
    Matrix onehot = Matrix::Zero(n, k);
    for (Eigen::Index j = 0; j < n; ++j)
        onehot(j, codes[static_cast<std::size_t>(j)]) = 1.0;
    constexpr double kCancellation = 1e-2;
    Vector out(n);
    constexpr Eigen::Index block = 128;
    const auto blocks = static_cast<std::size_t>((n + block - 1) / block);
    parallelFor(0, blocks, threads, [&](std::size_t b) {
        const Eigen::Index r0 = static_cast<Eigen::Index>(b) * block;
        const Eigen::Index rows = std::min(block, n - r0);
        Matrix D(rows, n);
        D.noalias() = Xc.middleRows(r0, rows) * Xct;
        for (Eigen::Index j = 0; j < n; ++j)
            for (Eigen::Index r = 0; r < rows; ++r) {
                const double scale = norms(r0 + r) + norms(j);
                double d2 = scale - 2 * D(r, j);
                if (d2 < kCancellation * scale)
                    d2 = (Xct.col(r0 + r) - Xct.col(j)).squaredNorm();
                D(r, j) = std::sqrt(std::max(0.0, d2));
            }
        const Matrix sums = D * onehot;  // rows x clusters
        for (Eigen::Index r = 0; r < rows; ++r) {
            const Eigen::Index i = r0 + r;
            const int own = codes[static_cast<std::size_t>(i)];
            if (sizes(own) <= 1) {
                out(i) = 0;  // scikit-learn: a singleton cluster scores 0
                continue;
            }
            const double a = sums(r, own) / (sizes(own) - 1);
            double bMin = std::numeric_limits<double>::infinity();
            for (Eigen::Index c = 0; c < k; ++c)
                if (c != own)
                    bMin = std::min(bMin, sums(r, c) / sizes(c));
            const double denom = std::max(a, bMin);
            out(i) = denom > 0 ? (bMin - a) / denom : 0.0;
        }
    });
    return out;
}

double silhouetteScore(const Matrix& X, const Vector& labels, int threads)
{
    return silhouetteSamples(X, labels, threads).mean();
}

}  // namespace dslab
