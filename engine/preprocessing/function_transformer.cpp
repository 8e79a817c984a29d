#include "engine/preprocessing/function_transformer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "FunctionTransformer";
}

const std::vector<ParamSpec>& FunctionTransformer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s = {
            ParamSpec::choice("func", "identity", {"identity", "log1p", "log", "sqrt", "square"},
                              "Function applied to every value (arbitrary Python callables are not possible here)"),
            ParamSpec::choice("feature_names_out", "one-to-one", {"one-to-one"},
                              "scikit-learn's output names: \"one-to-one\" keeps the input names (here they are kept either way)")
                .orNone(),
        };
        s[1].defaultValue = std::monostate{};
        return s;
    }();
    return specs;
}

void FunctionTransformer::checkDomain(const Matrix& X) const
{
    preprocessing::rejectInfinite(X, kOwner);
    const std::string func = paramString("func");
    double limit = 0;
    bool strict = true;
    std::string need;
    if (func == "log") {
        limit = 0;
        need = "log needs values > 0; use log1p for counts with zeros";
    } else if (func == "log1p") {
        limit = -1;
        need = "log1p needs values > -1";
    } else if (func == "sqrt") {
        strict = false;
        need = "sqrt needs values >= 0";
    } else {
        return;
    }
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const double v = X(i, j);
            if (strict ? v <= limit : v < limit)
                throw DataError(std::string(kOwner) + ": column " + std::to_string(j) + " has the value "
                                + std::to_string(v) + " (row " + std::to_string(i) + "); " + need);
        }
}

void FunctionTransformer::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    checkDomain(X);
    m_features = X.cols();
}

Matrix FunctionTransformer::transform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, m_features, kOwner);
    checkDomain(X);
    const std::string func = paramString("func");
    if (func == "log1p")
        return X.array().log1p().matrix();
    if (func == "log")
        return X.array().log().matrix();
    if (func == "sqrt")
        return X.array().sqrt().matrix();
    if (func == "square")
        return X.array().square().matrix();
    return X;
}

Matrix FunctionTransformer::inverseTransform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, m_features, kOwner);
    const std::string func = paramString("func");
    if (func == "log1p")
        return X.array().expm1().matrix();
    if (func == "log")
        return X.array().exp().matrix();
    if (func == "sqrt")
        return X.array().square().matrix();
    if (func == "square")
        return X.array().sqrt().matrix();
    return X;
}

void FunctionTransformer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = isFitted();
    if (isFitted())
        out["n_features_in"] = m_features;
}

void FunctionTransformer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_features = 0;
        return;
    }
    m_features = integerFromJson(in, "n_features_in", kOwner, 1, 1LL << 40);
}

}  // namespace dslab
