// The sparse matrix of the engine: rows are samples (documents), compressed
// by row (CSR, as scikit-learn's scipy.sparse.csr_matrix). Kept out of
// core/types.h so that the many files including the core headers do not pay
// for Eigen's sparse module.
#pragma once

#include <Eigen/SparseCore>

namespace dslab {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

}  // namespace dslab
