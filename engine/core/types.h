// Numeric types shared by the whole engine. Dense, double precision,
// column-major Eigen storage: rows are samples, columns are features.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace dslab {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
using IndexList = std::vector<Eigen::Index>;
using StringList = std::vector<std::string>;

// Rows of X selected by index, in the given order.
Matrix selectRows(const Matrix& X, const IndexList& rows);
Vector selectRows(const Vector& y, const IndexList& rows);

}  // namespace dslab
