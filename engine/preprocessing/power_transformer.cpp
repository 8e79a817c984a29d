#include "engine/preprocessing/power_transformer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/brent_minimize.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "PowerTransformer";
const double kSpacing1 = std::numeric_limits<double>::epsilon();  // numpy's spacing(1.0)

// numpy's var (population variance, mean first).
double variance(const std::vector<double>& v)
{
    double sum = 0;
    for (double x : v)
        sum += x;
    const double mean = sum / static_cast<double>(v.size());
    double sq = 0;
    for (double x : v)
        sq += (x - mean) * (x - mean);
    return sq / static_cast<double>(v.size());
}

// Minus scikit-learn's Yeo-Johnson log-likelihood of the present values x.
double yeoJohnsonNegLogLikelihood(const std::vector<double>& x, double lambda)
{
    std::vector<double> t(x.size());
    double logTerm = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        t[i] = PowerTransformer::yeoJohnson(x[i], lambda);
        const double sign = x[i] > 0 ? 1.0 : (x[i] < 0 ? -1.0 : 0.0);
        logTerm += sign * std::log1p(std::abs(x[i]));
    }
    const double var = variance(t);
    if (var < std::numeric_limits<double>::min())
        return std::numeric_limits<double>::infinity();
    const double n = static_cast<double>(x.size());
    const double loglike = -n / 2 * std::log(var) + (lambda - 1) * logTerm;
    return -loglike;
}

// Minus SciPy's boxcox_llf.
double boxCoxNegLogLikelihood(const std::vector<double>& x, double lambda)
{
    std::vector<double> t(x.size());
    double sumLog = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double logx = std::log(x[i]);
        sumLog += logx;
        // Without the constant offset 1/lambda, which does not change the variance.
        t[i] = lambda == 0 ? logx : std::pow(x[i], lambda) / lambda;
    }
    const double n = static_cast<double>(x.size());
    return -((lambda - 1) * sumLog - n / 2 * std::log(variance(t)));
}

}  // namespace

const std::vector<ParamSpec>& PowerTransformer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("method", "yeo-johnson", {"yeo-johnson", "box-cox"},
                          "yeo-johnson works for any values; box-cox needs strictly positive data"),
        ParamSpec::boolean("standardize", true, "Scale the transformed columns to zero mean and unit variance"),
    };
    return specs;
}

double PowerTransformer::yeoJohnson(double x, double lambda)
{
    if (x >= 0)
        return std::abs(lambda) < kSpacing1 ? std::log1p(x) : (std::pow(x + 1, lambda) - 1) / lambda;
    // NaN lands here and stays NaN.
    return std::abs(lambda - 2) > kSpacing1 ? -(std::pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -std::log1p(-x);
}

double PowerTransformer::boxCox(double x, double lambda)
{
    if (std::abs(lambda) < 1e-19)
        return std::log(x);
    return std::expm1(lambda * std::log(x)) / lambda;
}

void PowerTransformer::checkInput(const Matrix& X) const
{
    preprocessing::rejectInfinite(X, kOwner);
    if (paramString("method") != "box-cox")
        return;
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            if (X(i, j) <= 0)
                throw DataError(std::string(kOwner) + ": column " + std::to_string(j) + " has the value "
                                + std::to_string(X(i, j)) + " (row " + std::to_string(i)
                                + "); the Box-Cox transformation needs strictly positive data. "
                                  "Use method yeo-johnson, or shift the column first");
}

Matrix PowerTransformer::powerTransform(const Matrix& X) const
{
    const bool boxCoxMethod = paramString("method") == "box-cox";
    Matrix out(X.rows(), X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            out(i, j) = boxCoxMethod ? boxCox(X(i, j), m_lambdas(j)) : yeoJohnson(X(i, j), m_lambdas(j));
    return out;
}

void PowerTransformer::fit(const Matrix& X, const Vector*, TrainContext& ctx)
{
    requireSamples(X, kOwner);
    checkInput(X);
    const bool boxCoxMethod = paramString("method") == "box-cox";
    Vector lambdas(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const std::vector<double> x = preprocessing::presentValues(X, j);
        if (x.empty())
            throw DataError(std::string(kOwner) + ": column " + std::to_string(j)
                            + " has no values (all missing); drop it or impute it first");
        if (boxCoxMethod)
            lambdas(j) = preprocessing::brentMinimize([&x](double l) { return boxCoxNegLogLikelihood(x, l); }, -2.0, 2.0);
        else
            lambdas(j) = preprocessing::brentMinimize([&x](double l) { return yeoJohnsonNegLogLikelihood(x, l); }, -2.0, 2.0);
    }
    m_lambdas = std::move(lambdas);
    m_scaler = StandardScaler();
    if (paramBool("standardize"))
        m_scaler.fit(powerTransform(X), nullptr, ctx);
    m_fitted = true;
}

Matrix PowerTransformer::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_lambdas.size(), kOwner);
    checkInput(X);
    const Matrix out = powerTransform(X);
    return paramBool("standardize") ? m_scaler.transform(out) : out;
}

Matrix PowerTransformer::inverseTransform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_lambdas.size(), kOwner);
    const Matrix in = paramBool("standardize") ? m_scaler.inverseTransform(X) : X;
    const bool boxCoxMethod = paramString("method") == "box-cox";
    Matrix out(in.rows(), in.cols());
    for (Eigen::Index j = 0; j < in.cols(); ++j) {
        const double l = m_lambdas(j);
        for (Eigen::Index i = 0; i < in.rows(); ++i) {
            const double x = in(i, j);
            if (boxCoxMethod)
                out(i, j) = l == 0 ? std::exp(x) : std::pow(x * l + 1, 1 / l);
            else if (x >= 0)
                out(i, j) = std::abs(l) < kSpacing1 ? std::exp(x) - 1 : std::pow(x * l + 1, 1 / l) - 1;
            else
                out(i, j) = std::abs(l - 2) > kSpacing1 ? 1 - std::pow(-(2 - l) * x + 1, 1 / (2 - l)) : 1 - std::exp(-x);
        }
    }
    return out;
}

void PowerTransformer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["lambdas"] = vectorToJson(m_lambdas);
    nlohmann::json scaler;
    m_scaler.saveState(scaler);
    out["scaler"] = std::move(scaler);
}

void PowerTransformer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_lambdas.resize(0);
        m_scaler = StandardScaler();
        return;
    }
    Vector lambdas = vectorFromJson(in, "lambdas", kOwner);
    if (lambdas.size() < 1 || !lambdas.allFinite())
        throwDamagedState(kOwner, "'lambdas' must hold one finite number per column");
    const auto it = in.find("scaler");
    if (it == in.end())
        throwDamagedState(kOwner, "'scaler' is missing");
    StandardScaler scaler;
    scaler.loadState(*it);  // throws FormatError (naming StandardScaler) when damaged
    if (scaler.isFitted() && scaler.mean().size() != lambdas.size())
        throwDamagedState(kOwner, "'scaler' does not have one entry per column");
    if (paramBool("standardize") && !scaler.isFitted())
        throwDamagedState(kOwner, "standardize is on but 'scaler' is not fitted");
    m_lambdas = std::move(lambdas);
    m_scaler = std::move(scaler);
    m_fitted = true;
}

}  // namespace dslab
