#include "engine/models/linear/bayesian_ridge.h"

#include <Eigen/SVD>
#include <limits>

namespace dslab {

const std::vector<ParamSpec>& BayesianRidge::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_iter", 300, 1, 1000000, "Most rounds of re-estimating the noise and weight precisions"),
        ParamSpec::floating("tol", 1e-3, 0.0, std::numeric_limits<double>::infinity(),
                            "Stop when the weights change by less than this (sum of absolute changes)"),
        ParamSpec::floating("alpha_1", 1e-6, 0.0, std::numeric_limits<double>::infinity(),
                            "Shape of the Gamma prior over the noise precision"),
        ParamSpec::floating("alpha_2", 1e-6, 0.0, std::numeric_limits<double>::infinity(),
                            "Rate of the Gamma prior over the noise precision"),
        ParamSpec::floating("lambda_1", 1e-6, 0.0, std::numeric_limits<double>::infinity(),
                            "Shape of the Gamma prior over the weight precision"),
        ParamSpec::floating("lambda_2", 1e-6, 0.0, std::numeric_limits<double>::infinity(),
                            "Rate of the Gamma prior over the weight precision"),
        ParamSpec::boolean("fit_intercept", true, "Learn an unpenalized intercept (bias) term"),
    };
    return specs;
}

void BayesianRidge::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    const CenteredData data = centeredTrainingData(X, y, paramBool("fit_intercept"));
    const auto n = static_cast<double>(data.X.rows());
    const bool tall = data.X.rows() > data.X.cols();
    const double alpha1 = paramDouble("alpha_1"), alpha2 = paramDouble("alpha_2");
    const double lambda1 = paramDouble("lambda_1"), lambda2 = paramDouble("lambda_2");
    const double tol = paramDouble("tol");
    const int maxIter = static_cast<int>(paramInt("n_iter"));

    // One thin SVD serves every round: the posterior mean of the weights is a
    // ridge solution with penalty lambda / alpha, diagonal in the SVD basis.
    const Eigen::BDCSVD<Matrix> svd(data.X, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const Vector eigen = svd.singularValues().array().square();
    const Matrix& U = svd.matrixU();
    const Matrix& V = svd.matrixV();
    const Vector xty = data.X.transpose() * data.y;
    const Vector uty = U.transpose() * data.y;
    auto coefFor = [&](double alpha, double lambda) -> Vector {
        const Vector shrink = (eigen.array() + lambda / alpha).inverse().matrix();
        if (tall)
            return V * shrink.asDiagonal() * (V.transpose() * xty);
        return data.X.transpose() * (U * shrink.asDiagonal() * uty);
    };

    const double eps = std::numeric_limits<double>::epsilon();
    const double yVariance = data.y.size() > 0
        ? (data.y.array() - data.y.mean()).square().sum() / n
        : 0.0;
    double alpha = 1.0 / (yVariance + eps);
    double lambda = 1.0;
    Vector coef, previous;
    int rounds = 0;
    for (int iter = 0; iter < maxIter; ++iter) {
        if (!ctx.checkpoint())
            break;
        coef = coefFor(alpha, lambda);
        const double rss = (data.y - data.X * coef).squaredNorm();
        const double gamma = (alpha * eigen.array() / (lambda + alpha * eigen.array())).sum();
        lambda = (gamma + 2 * lambda1) / (coef.squaredNorm() + 2 * lambda2);
        alpha = (n - gamma + 2 * alpha1) / (rss + 2 * alpha2);
        rounds = iter + 1;
        if (iter != 0 && (previous - coef).cwiseAbs().sum() < tol)
            break;
        previous = coef;
    }
    // The final weights use the last precisions, as scikit-learn.
    coef = coefFor(alpha, lambda);
    m_alpha = alpha;
    m_lambda = lambda;
    const double intercept = interceptFor(data, coef);
    const double mse = (data.y - data.X * coef).squaredNorm() / n;
    setFitted(std::move(coef), intercept, rounds);
    reportStep(ctx, X, y, rounds, rounds, true, mse, {{"alpha", alpha}, {"lambda", lambda}});
}

}  // namespace dslab
