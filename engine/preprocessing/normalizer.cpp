#include "engine/preprocessing/normalizer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "Normalizer";
const char* const kHint = "Normalizer scales whole rows, so put SimpleImputer before it";
}

const std::vector<ParamSpec>& Normalizer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("norm", "l2", {"l1", "l2", "max"},
                          "Row norm made 1: l2 (Euclidean length), l1 (sum of |x|) or max (largest |x|)"),
    };
    return specs;
}

void Normalizer::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectNonFinite(X, kOwner, kHint);
    m_features = X.cols();
}

Matrix Normalizer::transform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, m_features, kOwner);
    preprocessing::rejectNonFinite(X, kOwner, kHint);
    const std::string norm = paramString("norm");
    Matrix out = X;
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        double n = 0;
        if (norm == "l1")
            n = X.row(i).cwiseAbs().sum();
        else if (norm == "l2")
            n = std::sqrt(X.row(i).squaredNorm());
        else
            n = X.row(i).cwiseAbs().maxCoeff();
        // A row of (nearly) zeros is left unchanged, as scikit-learn's _handle_zeros_in_scale.
        out.row(i) /= preprocessing::handleZeroScale(n);
    }
    return out;
}

void Normalizer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = isFitted();
    if (isFitted())
        out["n_features_in"] = m_features;
}

void Normalizer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_features = 0;
        return;
    }
    m_features = integerFromJson(in, "n_features_in", kOwner, 1, 1LL << 40);
}

}  // namespace dslab
