#include "engine/models/linear/linear_regression.h"

#include <Eigen/QR>

namespace dslab {

const std::vector<ParamSpec>& LinearRegression::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::boolean("fit_intercept", true, "Learn an intercept (bias) term"),
    };
    return specs;
}

void LinearRegression::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    const CenteredData data = centeredTrainingData(X, y, paramBool("fit_intercept"));
    // QR-based least squares keeps the error proportional to the condition
    // number (normal equations would square it); the complete orthogonal
    // decomposition also handles rank-deficient X like LAPACK's gelsd.
    const Eigen::CompleteOrthogonalDecomposition<Matrix> cod(data.X);
    Vector coef = cod.solve(data.y);
    const double intercept = interceptFor(data, coef);
    const double mse = (data.y - data.X * coef).squaredNorm() / static_cast<double>(X.rows());
    setFitted(std::move(coef), intercept, 1);
    reportStep(ctx, X, y, 1, 1, true, mse, {{"rank", static_cast<double>(cod.rank())}});
}

}  // namespace dslab
