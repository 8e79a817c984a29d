#include "engine/preprocessing/standard_scaler.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "StandardScaler";
}

const std::vector<ParamSpec>& StandardScaler::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::boolean("with_mean", true, "Subtract each column's mean (center the data)"),
        ParamSpec::boolean("with_std", true, "Divide each column by its standard deviation (unit variance)"),
    };
    return specs;
}

void StandardScaler::checkInput(const Matrix& X) const
{
    // NaN is allowed (missing values pass through); infinity is not, as in scikit-learn.
    if (X.array().isInf().any()) {
        for (Eigen::Index j = 0; j < X.cols(); ++j)
            if (X.col(j).array().isInf().any())
                throw DataError(std::string(kOwner) + ": column " + std::to_string(j)
                                + " has infinite values; replace or clip them before scaling");
    }
}

void StandardScaler::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    checkInput(X);
    const Eigen::Index d = X.cols();
    m_mean.resize(d);
    m_var.resize(d);
    m_scale.resize(d);
    m_count.resize(d);
    const double eps = std::numeric_limits<double>::epsilon();
    for (Eigen::Index j = 0; j < d; ++j) {
        const auto col = X.col(j).array();
        const auto present = col == col;  // false exactly where the value is NaN
        const double n = static_cast<double>(present.count());
        const double sum = present.select(col, 0.0).sum();
        const double mean = sum / n;  // NaN for an all-missing column, as scikit-learn
        // Corrected two-pass variance (Chan, Golub and LeVeque), as scikit-learn's
        // _incremental_mean_and_var: the correction term removes the rounding
        // error of the first pass.
        const Eigen::ArrayXd centered = present.select(col - mean, 0.0);
        const double correction = centered.sum();
        const double var = (centered.square().sum() - correction * correction / n) / n;
        m_mean(j) = mean;
        m_var(j) = var;
        m_count(j) = n;
        // A column is constant when its variance is within the rounding error
        // bound of the two-pass algorithm; it then keeps scale 1 instead of
        // being blown up by dividing by ~0.
        const double bound = n * eps * var + (n * mean * eps) * (n * mean * eps);
        m_scale(j) = var <= bound ? 1.0 : std::sqrt(var);
    }
    m_fitted = true;
}

Matrix StandardScaler::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_mean.size(), kOwner);
    checkInput(X);
    Matrix out = X;
    if (paramBool("with_mean"))
        out.rowwise() -= m_mean.transpose();
    if (paramBool("with_std"))
        out.array().rowwise() /= m_scale.transpose().array();
    return out;
}

Matrix StandardScaler::inverseTransform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_mean.size(), kOwner);
    Matrix out = X;
    if (paramBool("with_std"))
        out.array().rowwise() *= m_scale.transpose().array();
    if (paramBool("with_mean"))
        out.rowwise() += m_mean.transpose();
    return out;
}

void StandardScaler::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["mean"] = vectorToJson(m_mean);
    out["var"] = vectorToJson(m_var);
    out["scale"] = vectorToJson(m_scale);
    out["n_samples_seen"] = vectorToJson(m_count);
}

void StandardScaler::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_mean.resize(0);
        m_var.resize(0);
        m_scale.resize(0);
        m_count.resize(0);
        return;
    }
    Vector mean = vectorFromJson(in, "mean", kOwner);
    Vector var = vectorFromJson(in, "var", kOwner, mean.size());
    Vector scale = vectorFromJson(in, "scale", kOwner, mean.size());
    Vector count = vectorFromJson(in, "n_samples_seen", kOwner, mean.size());
    // mean and var may be NaN for a column that was entirely missing; a
    // scale must be a positive number or NaN (that same column).
    if (mean.size() < 1 || (scale.array() <= 0).any() || scale.array().isInf().any() || (count.array() < 0).any())
        throwDamagedState(kOwner, "'scale' must hold positive numbers and 'n_samples_seen' counts");
    m_mean = std::move(mean);
    m_var = std::move(var);
    m_scale = std::move(scale);
    m_count = std::move(count);
    m_fitted = true;
}

}  // namespace dslab
