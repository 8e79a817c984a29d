#include "engine/models/linear/linear_model.h"

#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

LinearModel::CenteredData LinearModel::centeredTrainingData(const Matrix& X, const Vector& y, bool fitIntercept) const
{
    const std::string owner = typeName();
    requireSamples(X, owner);
    requireFiniteFeatures(X, owner);
    requireMatchingTarget(X, y, owner);
    CenteredData data;
    data.X = X;
    data.y = y;
    data.xMean = Vector::Zero(X.cols());
    if (fitIntercept) {
        data.xMean = X.colwise().mean().transpose();
        data.yMean = y.mean();
        data.X.rowwise() -= data.xMean.transpose();
        data.y.array() -= data.yMean;
    }
    return data;
}

double LinearModel::interceptFor(const CenteredData& data, const Vector& coef)
{
    return data.yMean - data.xMean.dot(coef);
}

void LinearModel::setFitted(Vector coef, double intercept, int nIter)
{
    m_coef = std::move(coef);
    m_intercept = intercept;
    m_nIter = nIter;
    m_fitted = true;
}

void LinearModel::reportStep(TrainContext& ctx, const Matrix& X, const Vector& y, int step, int totalSteps,
                             bool finalStep, double trainMse, std::map<std::string, double> metrics) const
{
    if (!ctx.observer)
        return;
    const bool regular = ctx.reportEvery <= 1 || step % ctx.reportEvery == 0 || step >= totalSteps;
    if (!regular && !finalStep)
        return;
    TrainStep s;
    s.step = step;
    s.totalSteps = totalSteps;
    s.trainLoss = trainMse >= 0 ? trainMse : loss(X, y);
    s.metrics = std::move(metrics);
    if (ctx.hasValidation())
        s.validationLoss = loss(*ctx.validationX, *ctx.validationY);
    // The step where training converged is always shown, even between reportEvery multiples.
    if (regular)
        ctx.report(s, *this);
    else
        ctx.observer->onStep(s, *this);
}

Vector LinearModel::predict(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_coef.size(), typeName());
    requireFiniteFeatures(X, typeName());
    Vector out = X * m_coef;
    out.array() += m_intercept;
    return out;
}

void LinearModel::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["coef"] = vectorToJson(m_coef);
    out["intercept"] = m_intercept;
    out["n_iter"] = m_nIter;
}

void LinearModel::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    if (!fittedFlagFromJson(in, owner)) {
        m_fitted = false;
        m_coef.resize(0);
        m_intercept = 0;
        m_nIter = 0;
        return;
    }
    Vector coef = vectorFromJson(in, "coef", owner);
    const double intercept = numberFromJson(in, "intercept", owner);
    if (coef.size() < 1 || !coef.allFinite() || !std::isfinite(intercept))
        throwDamagedState(owner, "'coef' and 'intercept' must hold finite numbers for at least one feature");
    const long long nIter = integerFromJson(in, "n_iter", owner, 0, std::numeric_limits<int>::max());
    setFitted(std::move(coef), intercept, static_cast<int>(nIter));
}

}  // namespace dslab
