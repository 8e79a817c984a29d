#include "engine/feature_selection/select_from_model.h"

#include "engine/core/catalog.h"
#include "engine/feature_selection/model_importance.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

const std::vector<ParamSpec>& SelectFromModel::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        ParamSpec estimator;
        estimator.name = "estimator";
        estimator.type = ParamType::String;
        estimator.defaultValue = std::string("RandomForestClassifier");
        estimator.doc = "Model (catalog type name) whose coef or feature importances decide which features stay";
        s.push_back(estimator);
        ParamSpec estimatorParams;
        estimatorParams.name = "estimator_params";
        estimatorParams.type = ParamType::String;
        estimatorParams.defaultValue = std::string("{}");
        estimatorParams.doc = "The estimator's parameters as a JSON object, e.g. {\"penalty\": \"l1\", \"C\": 0.1}";
        s.push_back(estimatorParams);
        s.push_back(ParamSpec::floating("threshold", 0.0, 0.0, 1e300,
                                        "Keep features with at least this importance (None = the mean importance)")
                        .orNone());
        s.back().defaultValue = std::monostate{};
        s.push_back(ParamSpec::integer("max_features", 0, 0, 1000000, "Keep at most this many (0 = no limit)"));
        return s;
    }();
    return specs;
}

std::vector<Eigen::Index> SelectFromModel::selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx)
{
    const Vector& target = requireTarget(y);
    const std::string estimatorType = paramString("estimator");
    const std::string estimatorParams = paramString("estimator_params");
    auto model = makeSelectorModel(typeName(), estimatorType, estimatorParams);
    TrainContext inner;
    inner.seed = ctx.seed;
    inner.stop = ctx.stop;
    model->fit(X, target, inner);
    m_importances = modelImportances(*model, X.cols());
    // scikit-learn's default threshold: 1e-5 for an L1-penalized model (keep
    // the nonzero coefficients), else the mean importance.
    const bool l1 = estimatorType == "Lasso" || selectorModelParam(estimatorParams, "penalty") == "l1";
    m_threshold = paramIsNone("threshold") ? (l1 ? 1e-5 : m_importances.mean()) : paramDouble("threshold");
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        if (m_importances(j) >= m_threshold)
            kept.push_back(j);
    const auto maxFeatures = static_cast<std::size_t>(paramInt("max_features"));
    if (maxFeatures > 0 && kept.size() > maxFeatures) {
        // The most important ones; among equals the earlier column.
        std::stable_sort(kept.begin(), kept.end(), [&](Eigen::Index a, Eigen::Index b) { return m_importances(a) > m_importances(b); });
        kept.resize(maxFeatures);
    }
    return kept;
}

void SelectFromModel::saveExtra(nlohmann::json& out) const
{
    out["importances"] = vectorToJson(m_importances);
    out["threshold"] = m_threshold;
}

void SelectFromModel::loadExtra(const nlohmann::json& in)
{
    m_importances = vectorFromJson(in, "importances", typeName());
    m_threshold = numberFromJson(in, "threshold", typeName());
}

}  // namespace dslab
