#include "engine/core/types.h"

namespace dslab {

Matrix selectRows(const Matrix& X, const IndexList& rows)
{
    Matrix out(static_cast<Eigen::Index>(rows.size()), X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (size_t i = 0; i < rows.size(); ++i)
            out(static_cast<Eigen::Index>(i), j) = X(rows[i], j);
    return out;
}

Vector selectRows(const Vector& y, const IndexList& rows)
{
    Vector out(static_cast<Eigen::Index>(rows.size()));
    for (size_t i = 0; i < rows.size(); ++i)
        out(static_cast<Eigen::Index>(i)) = y(rows[i]);
    return out;
}

}  // namespace dslab
