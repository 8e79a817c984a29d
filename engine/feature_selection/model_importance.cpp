#include "engine/feature_selection/model_importance.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/other/state_json.h"
#include "engine/models/trees/tree_model.h"

#include <nlohmann/json.hpp>

namespace dslab {

Vector modelImportances(const Estimator& fitted, Eigen::Index featureCount, CoefNorm norm)
{
    if (const auto* trees = dynamic_cast<const TreeModel*>(&fitted)) {
        const std::vector<double> imp = trees->featureImportances();
        if (static_cast<Eigen::Index>(imp.size()) == featureCount)
            return Eigen::Map<const Vector>(imp.data(), featureCount);
    }
    nlohmann::json state = nlohmann::json::object();
    fitted.saveState(state);
    if (state.contains("feature_importances")) {
        const Vector imp = vectorFromJson(state, "feature_importances", fitted.typeName());
        if (imp.size() == featureCount)
            return imp;
    }
    if (state.contains("coef")) {
        const nlohmann::json& coef = state.at("coef");
        // A matrix {"rows", "cols", "data"} (one row per class) or a plain vector.
        if (coef.is_object()) {
            const Matrix m = matrixFromJson(state, "coef", fitted.typeName());
            if (m.cols() == featureCount)
                return norm == CoefNorm::L1 ? Vector(m.cwiseAbs().colwise().sum().transpose())
                                            : Vector(m.array().square().colwise().sum().transpose());
        } else {
            const Vector v = vectorFromJson(state, "coef", fitted.typeName());
            if (v.size() == featureCount)
                return norm == CoefNorm::L1 ? Vector(v.cwiseAbs()) : Vector(v.array().square().matrix());
        }
    }
    throw ParamError(fitted.typeName() + " exposes neither coef nor feature_importances, so it cannot rank "
                     "features; use e.g. LogisticRegression, a linear model or a tree ensemble");
}

namespace {

nlohmann::json parseSelectorParams(const std::string& owner, const std::string& paramsJson)
{
    nlohmann::json params;
    try {
        params = nlohmann::json::parse(paramsJson.empty() ? std::string("{}") : paramsJson);
    } catch (const nlohmann::json::parse_error&) {
        throw ParamError(owner + ": estimator_params must be a JSON object such as {\"C\": 0.1}, not '" + paramsJson + "'");
    }
    if (!params.is_object())
        throw ParamError(owner + ": estimator_params must be a JSON object such as {\"C\": 0.1}, not '" + paramsJson + "'");
    return params;
}

}  // namespace

std::unique_ptr<Estimator> makeSelectorModel(const std::string& owner, const std::string& type,
                                             const std::string& paramsJson)
{
    auto model = Catalog::builtin().createEstimator(type);
    const nlohmann::json params = parseSelectorParams(owner, paramsJson);
    for (const auto& [name, value] : params.items()) {
        ParamValue v;
        if (value.is_boolean())
            v = value.get<bool>();
        else if (value.is_number_integer())
            v = value.get<long long>();
        else if (value.is_number())
            v = value.get<double>();
        else if (value.is_string())
            v = value.get<std::string>();
        else if (!value.is_null())
            throw ParamError(owner + ": estimator parameter '" + name + "' must be a number, string, flag or null");
        try {
            model->setParam(name, v);
        } catch (const ParamError& e) {
            throw ParamError(owner + "'s estimator " + type + ": " + e.what());
        }
    }
    return model;
}

std::string selectorModelParam(const std::string& paramsJson, const std::string& name)
{
    const nlohmann::json params = parseSelectorParams("selector", paramsJson);
    if (!params.contains(name))
        return {};
    const nlohmann::json& value = params.at(name);
    return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace dslab
