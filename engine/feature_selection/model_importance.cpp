#include "engine/feature_selection/model_importance.h"

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

}  // namespace dslab
