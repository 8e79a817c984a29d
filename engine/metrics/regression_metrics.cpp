#include "engine/metrics/regression_metrics.h"

#include "engine/core/errors.h"

#include <limits>
#include <string>

namespace dslab {

namespace {

void checkPair(const Vector& yTrue, const Vector& yPred, const char* metric)
{
    if (yTrue.size() != yPred.size())
        throw DataError(std::string(metric) + ": y_true has " + std::to_string(yTrue.size()) + " values but y_pred has "
                        + std::to_string(yPred.size()));
    if (yTrue.size() == 0)
        throw DataError(std::string(metric) + " needs at least one sample");
}

}  // namespace

double meanSquaredError(const Vector& yTrue, const Vector& yPred)
{
    checkPair(yTrue, yPred, "mean_squared_error");
    return (yTrue - yPred).squaredNorm() / static_cast<double>(yTrue.size());
}

double meanAbsoluteError(const Vector& yTrue, const Vector& yPred)
{
    checkPair(yTrue, yPred, "mean_absolute_error");
    return (yTrue - yPred).cwiseAbs().mean();
}

double r2Score(const Vector& yTrue, const Vector& yPred)
{
    checkPair(yTrue, yPred, "r2_score");
    if (yTrue.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();  // undefined, as scikit-learn says
    const double residual = (yTrue - yPred).squaredNorm();
    const double total = (yTrue.array() - yTrue.mean()).square().sum();
    // scikit-learn's force_finite: a constant target gives 1 for a perfect
    // prediction and 0 otherwise instead of dividing by zero.
    if (total == 0)
        return residual == 0 ? 1.0 : 0.0;
    return 1.0 - residual / total;
}

}  // namespace dslab
