// Kernel functions of SVC (linear, polynomial, RBF, sigmoid) with libsvm's
// definitions, evaluated for whole blocks of rows with one matrix product so
// that the solver's kernel columns and batched predictions stay vectorized.
#pragma once

#include "engine/core/types.h"

#include <string>

namespace dslab {

enum class SvmKernelType { Linear, Poly, Rbf, Sigmoid };

SvmKernelType svmKernelFromName(const std::string& name);  // "linear", "poly", "rbf", "sigmoid"
std::string svmKernelName(SvmKernelType type);

struct SvmKernel {
    SvmKernelType type = SvmKernelType::Rbf;
    double gamma = 1.0;
    double coef0 = 0.0;
    int degree = 3;

    // K(a_i, b_j) for the rows of A (m x d) and B (n x d): an m x n matrix.
    Matrix matrix(const Matrix& A, const Matrix& B) const;
    // Applies the kernel in place to dot products, given the squared norms
    // of the rows (RBF only: |a-b|^2 = |a|^2 + |b|^2 - 2 a.b).
    void fromDots(Matrix& dots, const Vector& normsA, const Vector& normsB) const;
    // K(a, a) from |a|^2.
    double diagonal(double squaredNorm) const;
};

}  // namespace dslab
