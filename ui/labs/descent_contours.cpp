#include "ui/labs/descent_contours.h"

#include "engine/core/errors.h"
#include "engine/core/train_context.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

// log(1 + e^z) without overflow.
double softplus(double z)
{
    return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

double sigmoid(double z)
{
    return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

struct Objective {
    const Matrix& X;
    const Vector& y;
    double l2 = 0;  // 1 / (C n)

    double value(const Eigen::Vector2d& w) const
    {
        double sum = 0;
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const double z = X(i, 0) * w(0) + X(i, 1) * w(1);
            sum += softplus(z) - y(i) * z;
        }
        return sum / static_cast<double>(X.rows()) + 0.5 * l2 * w.squaredNorm();
    }
    Eigen::Vector2d gradient(const Eigen::Vector2d& w) const
    {
        Eigen::Vector2d g = Eigen::Vector2d::Zero();
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const double r = sigmoid(X(i, 0) * w(0) + X(i, 1) * w(1)) - y(i);
            g(0) += r * X(i, 0);
            g(1) += r * X(i, 1);
        }
        return g / static_cast<double>(X.rows()) + l2 * w;
    }
    Eigen::Matrix2d hessian(const Eigen::Vector2d& w) const
    {
        Eigen::Matrix2d h = Eigen::Matrix2d::Zero();
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const double p = sigmoid(X(i, 0) * w(0) + X(i, 1) * w(1));
            const Eigen::Vector2d x(X(i, 0), X(i, 1));
            h += p * (1 - p) * x * x.transpose();
        }
        return h / static_cast<double>(X.rows()) + l2 * Eigen::Matrix2d::Identity();
    }
};

// Damped Newton: the exact minimum that the contours are drawn around.
Eigen::Vector2d minimize(const Objective& f)
{
    Eigen::Vector2d w = Eigen::Vector2d::Zero();
    double fw = f.value(w);
    for (int it = 0; it < 100; ++it) {
        const Eigen::Vector2d g = f.gradient(w);
        if (g.lpNorm<Eigen::Infinity>() < 1e-12)
            break;
        const Eigen::Vector2d d = f.hessian(w).ldlt().solve(g);
        double t = 1;
        Eigen::Vector2d next = w - d;
        double fn = f.value(next);
        while (!(fn <= fw - 1e-4 * t * g.dot(d)) && t > 1e-12) {
            t *= 0.5;
            next = w - t * d;
            fn = f.value(next);
        }
        if (!(fn < fw))
            break;
        w = next;
        fw = fn;
    }
    return w;
}

}  // namespace

DescentContours computeDescentContours(const Matrix& X, const Vector& y, double learningRate, int maxSteps,
                                       double C, int gridSize, bool equalAxes, const StopToken* stop)
{
    if (X.cols() != 2 || X.rows() != y.size() || X.rows() == 0)
        throw DataError("the gradient-descent contours need two feature columns and one target per row");
    DescentContours out;
    const Objective f{X, y, 1.0 / (C * static_cast<double>(X.rows()))};
    const Eigen::Vector2d optimum = minimize(f);
    out.optimumW1 = optimum(0);
    out.optimumW2 = optimum(1);
    out.optimumLoss = f.value(optimum);
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(f.hessian(optimum));
    out.lambdaMin = eig.eigenvalues()(0);
    out.lambdaMax = eig.eigenvalues()(1);
    out.conditionNumber = out.lambdaMax / std::max(out.lambdaMin, 1e-300);

    Eigen::Vector2d w = Eigen::Vector2d::Zero();
    out.pathW1.push_back(0);
    out.pathW2.push_back(0);
    out.pathLoss.push_back(f.value(w));
    for (int s = 0; s < maxSteps; ++s) {
        if (stop && stop->isCancelled())
            return out;
        w -= learningRate * f.gradient(w);
        const double loss = f.value(w);
        if (!std::isfinite(loss) || !w.allFinite())
            break;  // the path so far is shown; the lab names the divergence
        out.pathW1.push_back(w(0));
        out.pathW2.push_back(w(1));
        out.pathLoss.push_back(loss);
    }
    const double gap0 = out.pathLoss.front() - out.optimumLoss;
    for (int s = static_cast<int>(out.pathLoss.size()) - 1; s >= 0; --s) {
        if (out.pathLoss[static_cast<std::size_t>(s)] - out.optimumLoss > 0.01 * gap0)
            break;
        out.stepsToConverge = s;
    }
    if (static_cast<int>(out.pathLoss.size()) <= maxSteps)  // stopped early on a non-finite loss
        out.stepsToConverge = -1;

    // A box around the path and the minimum, 8% margin.
    double lo1 = std::min(0.0, out.optimumW1), hi1 = std::max(0.0, out.optimumW1);
    double lo2 = std::min(0.0, out.optimumW2), hi2 = std::max(0.0, out.optimumW2);
    for (std::size_t i = 0; i < out.pathW1.size(); ++i) {
        lo1 = std::min(lo1, out.pathW1[i]);
        hi1 = std::max(hi1, out.pathW1[i]);
        lo2 = std::min(lo2, out.pathW2[i]);
        hi2 = std::max(hi2, out.pathW2[i]);
    }
    double side1 = std::max(hi1 - lo1, 1e-6) * 1.16, side2 = std::max(hi2 - lo2, 1e-6) * 1.16;
    if (equalAxes)
        side1 = side2 = std::max(side1, side2);
    const double c1 = (lo1 + hi1) / 2, c2 = (lo2 + hi2) / 2;
    out.w1Lo = c1 - side1 / 2;
    out.w1Hi = c1 + side1 / 2;
    out.w2Lo = c2 - side2 / 2;
    out.w2Hi = c2 + side2 / 2;
    out.gridSize = gridSize;
    out.loss.resize(static_cast<std::size_t>(gridSize) * gridSize);
    for (int gy = 0; gy < gridSize; ++gy) {
        if (stop && stop->isCancelled())
            return out;
        for (int gx = 0; gx < gridSize; ++gx) {
            const Eigen::Vector2d at(out.w1Lo + (gx + 0.5) / gridSize * side1, out.w2Lo + (gy + 0.5) / gridSize * side2);
            out.loss[static_cast<std::size_t>(gy) * gridSize + gx] = f.value(at);
        }
    }
    out.finished = true;
    return out;
}

}  // namespace dslab
