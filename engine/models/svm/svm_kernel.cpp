#include "engine/models/svm/svm_kernel.h"

#include "engine/core/errors.h"

#include <cmath>

namespace dslab {

SvmKernelType svmKernelFromName(const std::string& name)
{
    if (name == "linear")
        return SvmKernelType::Linear;
    if (name == "poly")
        return SvmKernelType::Poly;
    if (name == "rbf")
        return SvmKernelType::Rbf;
    if (name == "sigmoid")
        return SvmKernelType::Sigmoid;
    throw ParamError("SVC: kernel = \"" + name + "\" is not allowed; choose one of: linear, poly, rbf, sigmoid");
}

std::string svmKernelName(SvmKernelType type)
{
    switch (type) {
    case SvmKernelType::Linear: return "linear";
    case SvmKernelType::Poly: return "poly";
    case SvmKernelType::Rbf: return "rbf";
    case SvmKernelType::Sigmoid: return "sigmoid";
    }
    return "rbf";
}

namespace {

// libsvm's powi: exact repeated squaring for the integer degree.
double powInt(double base, int times)
{
    double tmp = base, ret = 1.0;
    for (int t = times; t > 0; t /= 2) {
        if (t % 2 == 1)
            ret *= tmp;
        tmp *= tmp;
    }
    return ret;
}

}  // namespace

void SvmKernel::fromDots(Matrix& dots, const Vector& normsA, const Vector& normsB) const
{
    switch (type) {
    case SvmKernelType::Linear:
        return;
    case SvmKernelType::Poly:
        dots = (gamma * dots.array() + coef0).unaryExpr([d = degree](double v) { return powInt(v, d); }).matrix();
        return;
    case SvmKernelType::Rbf:
        // In separate in-place steps: a broadcasting expression would not
        // vectorize, and exp would fall back to the scalar libm call.
        dots *= -2.0;
        dots.colwise() += normsA;
        dots.rowwise() += normsB.transpose();
        // Clamped at 0: rounding can make |a|² + |b|² − 2a·b slightly negative.
        dots = (dots.array().max(0.0) * -gamma).exp().matrix();
        return;
    case SvmKernelType::Sigmoid:
        dots = (gamma * dots.array() + coef0).tanh().matrix();
        return;
    }
}

Matrix SvmKernel::matrix(const Matrix& A, const Matrix& B) const
{
    Matrix K(A.rows(), B.rows());
    K.noalias() = A * B.transpose();
    if (type == SvmKernelType::Rbf)
        fromDots(K, A.rowwise().squaredNorm(), B.rowwise().squaredNorm());
    else
        fromDots(K, Vector(), Vector());
    return K;
}

double SvmKernel::diagonal(double squaredNorm) const
{
    switch (type) {
    case SvmKernelType::Linear: return squaredNorm;
    case SvmKernelType::Poly: return powInt(gamma * squaredNorm + coef0, degree);
    case SvmKernelType::Rbf: return 1.0;
    case SvmKernelType::Sigmoid: return std::tanh(gamma * squaredNorm + coef0);
    }
    return squaredNorm;
}

}  // namespace dslab
