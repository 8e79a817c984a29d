#include "engine/models/linear/elastic_net.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

const std::vector<ParamSpec>& ElasticNet::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("alpha", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                            "Overall strength of the penalty").logarithmic(),
        ParamSpec::floating("l1_ratio", 0.5, 0.0, 1.0,
                            "Share of l1 in the penalty: 1 is the Lasso, 0 is ridge-like"),
        ParamSpec::boolean("fit_intercept", true, "Learn an unpenalized intercept (bias) term"),
        ParamSpec::integer("max_iter", 1000, 1, 10'000'000, "Maximum coordinate-descent sweeps over the features"),
        ParamSpec::floating("tol", 1e-4, 0.0, std::numeric_limits<double>::infinity(),
                            "Stop when the duality gap falls below tol * ||y - mean(y)||^2")
            .logarithmic(),
    };
    return specs;
}

double ElasticNet::l1Ratio() const
{
    return paramDouble("l1_ratio");
}

void ElasticNet::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    const double alpha = paramDouble("alpha");
    const double ratio = l1Ratio();
    const int maxIter = static_cast<int>(paramInt("max_iter"));
    const double tol = paramDouble("tol");
    const CenteredData data = centeredTrainingData(X, y, paramBool("fit_intercept"));
    const Matrix& A = data.X;
    const Vector& b = data.y;
    const Eigen::Index n = A.rows();
    const Eigen::Index d = A.cols();
    const double nd = static_cast<double>(n);

    // scikit-learn's cd_fast.enet_coordinate_descent, step for step, on the
    // objective multiplied by n: 1/2 ||b - A w||^2 + l1 ||w||_1 + l2/2 ||w||^2.
    const double l1 = alpha * ratio * nd;
    const double l2 = alpha * (1.0 - ratio) * nd;
    const Vector columnNorms = A.colwise().squaredNorm().transpose();
    const double gapTolerance = tol * b.squaredNorm();
    Vector w = Vector::Zero(d);
    Vector residual = b;
    double gap = gapTolerance + 1;
    int sweeps = 0;
    auto publish = [&] { setFitted(w, interceptFor(data, w), sweeps); };
    publish();  // zero weights: usable by an observer or after an early stop
    for (int iter = 0; iter < maxIter; ++iter) {
        if (!ctx.checkpoint())
            break;
        double wMax = 0, dwMax = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
            if (columnNorms(j) == 0.0)
                continue;
            const double old = w(j);
            if (old != 0.0)
                residual += old * A.col(j);
            const double rho = A.col(j).dot(residual);
            // Soft-thresholding solves the one-dimensional problem exactly.
            w(j) = std::copysign(std::max(std::abs(rho) - l1, 0.0), rho) / (columnNorms(j) + l2);
            if (w(j) != 0.0)
                residual -= w(j) * A.col(j);
            dwMax = std::max(dwMax, std::abs(w(j) - old));
            wMax = std::max(wMax, std::abs(w(j)));
        }
        sweeps = iter + 1;
        bool converged = false;
        if (wMax == 0.0 || dwMax / wMax < tol || iter == maxIter - 1) {
            // The duality gap bounds the distance to the optimum's objective.
            const Vector dual = A.transpose() * residual - l2 * w;
            const double dualNorm = dual.cwiseAbs().maxCoeff();
            const double rNorm2 = residual.squaredNorm();
            const double wNorm2 = w.squaredNorm();
            double scale = 1.0;
            if (dualNorm > l1) {
                scale = l1 / dualNorm;
                gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
            } else {
                gap = rNorm2;
            }
            gap += l1 * w.lpNorm<1>() - scale * residual.dot(b) + 0.5 * l2 * (1 + scale * scale) * wNorm2;
            converged = gap < gapTolerance;
        }
        publish();
        const double mse = residual.squaredNorm() / nd;
        const double objective =
            0.5 * mse + alpha * ratio * w.lpNorm<1>() + 0.5 * alpha * (1.0 - ratio) * w.squaredNorm();
        reportStep(ctx, X, y, sweeps, maxIter, converged, mse, {{"objective", objective}});
        if (converged)
            break;
    }
    m_dualGap = gap / nd;
}

}  // namespace dslab
