#include "engine/models/linear/ridge.h"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <limits>

namespace dslab {

const std::vector<ParamSpec>& Ridge::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("alpha", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                            "Strength of the l2 penalty: larger alpha shrinks the coefficients more")
            .logarithmic(),
        ParamSpec::boolean("fit_intercept", true, "Learn an unpenalized intercept (bias) term"),
    };
    return specs;
}

void Ridge::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    const double alpha = paramDouble("alpha");
    const CenteredData data = centeredTrainingData(X, y, paramBool("fit_intercept"));
    const Eigen::Index d = data.X.cols();
    Vector coef;
    // Normal equations when they are the smaller system (as scikit-learn's
    // "cholesky" solver); with more features than rows, the dual (kernel)
    // form X^T (X X^T + alpha I)^-1 y is the smaller one.
    if (d <= data.X.rows()) {
        Matrix gram(d, d);
        gram.setZero();
        gram.selfadjointView<Eigen::Lower>().rankUpdate(data.X.transpose());
        gram.diagonal().array() += alpha;
        const Eigen::LLT<Matrix, Eigen::Lower> llt(gram);
        if (llt.info() == Eigen::Success)
            coef = llt.solve(data.X.transpose() * data.y);
    } else {
        Matrix kernel = data.X * data.X.transpose();
        kernel.diagonal().array() += alpha;
        const Eigen::LLT<Matrix> llt(kernel);
        if (llt.info() == Eigen::Success)
            coef = data.X.transpose() * llt.solve(data.y);
    }
    // alpha = 0 with collinear features: no Cholesky; fall back to least squares.
    if (coef.size() != d || !coef.allFinite())
        coef = Eigen::CompleteOrthogonalDecomposition<Matrix>(data.X).solve(data.y);
    const double intercept = interceptFor(data, coef);
    const double mse = (data.y - data.X * coef).squaredNorm() / static_cast<double>(X.rows());
    const double objective = mse * static_cast<double>(X.rows()) + alpha * coef.squaredNorm();
    setFitted(std::move(coef), intercept, 1);
    reportStep(ctx, X, y, 1, 1, true, mse, {{"objective", objective}});
}

}  // namespace dslab
