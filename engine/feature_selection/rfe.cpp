#include "engine/feature_selection/rfe.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/feature_selection/model_importance.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

const std::vector<ParamSpec>& Rfe::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        ParamSpec estimator;
        estimator.name = "estimator";
        estimator.type = ParamType::String;
        estimator.defaultValue = std::string("LogisticRegression");
        estimator.doc = "Model (catalog type name) whose coef or feature importances rank the features";
        s.push_back(estimator);
        ParamSpec estimatorParams;
        estimatorParams.name = "estimator_params";
        estimatorParams.type = ParamType::String;
        estimatorParams.defaultValue = std::string("{}");
        estimatorParams.doc = "The estimator's parameters as a JSON object, e.g. {\"penalty\": \"l1\", \"C\": 0.1}";
        s.push_back(estimatorParams);
        s.push_back(ParamSpec::integer("n_features_to_select", 0, 0, 1000000,
                                       "Features to keep (0 = half of them, rounded down)"));
        s.push_back(ParamSpec::integer("step", 1, 1, 1000000, "Features dropped per round"));
        return s;
    }();
    return specs;
}

std::vector<Eigen::Index> Rfe::selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx)
{
    const Vector& target = requireTarget(y);
    const std::string estimatorType = paramString("estimator");
    const Eigen::Index d = X.cols();
    Eigen::Index wanted = paramInt("n_features_to_select");
    if (wanted <= 0)
        wanted = std::max<Eigen::Index>(1, d / 2);
    wanted = std::min(wanted, d);
    const auto step = static_cast<Eigen::Index>(paramInt("step"));

    std::vector<Eigen::Index> remaining(static_cast<std::size_t>(d));
    std::iota(remaining.begin(), remaining.end(), Eigen::Index{0});
    m_ranking.assign(static_cast<std::size_t>(d), 1);
    // Rounds left, so columns dropped in the first round get the highest rank.
    std::vector<std::vector<Eigen::Index>> droppedPerRound;
    while (static_cast<Eigen::Index>(remaining.size()) > wanted) {
        if (!ctx.checkpoint())
            break;
        auto model = makeSelectorModel(typeName(), estimatorType, paramString("estimator_params"));
        TrainContext inner;
        inner.seed = ctx.seed;
        inner.stop = ctx.stop;
        Matrix sub(X.rows(), static_cast<Eigen::Index>(remaining.size()));
        for (std::size_t k = 0; k < remaining.size(); ++k)
            sub.col(static_cast<Eigen::Index>(k)) = X.col(remaining[k]);
        model->fit(sub, target, inner);
        const Vector importance = modelImportances(*model, sub.cols(), CoefNorm::Squared);
        std::vector<Eigen::Index> order(remaining.size());
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return importance(a) < importance(b); });
        const Eigen::Index drop = std::min(step, static_cast<Eigen::Index>(remaining.size()) - wanted);
        std::vector<Eigen::Index> dropped, keep;
        for (Eigen::Index k = 0; k < static_cast<Eigen::Index>(order.size()); ++k)
            (k < drop ? dropped : keep).push_back(remaining[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])]);
        std::sort(keep.begin(), keep.end());
        droppedPerRound.push_back(dropped);
        remaining = keep;
    }
    int rank = 2;
    for (auto it = droppedPerRound.rbegin(); it != droppedPerRound.rend(); ++it, ++rank)
        for (Eigen::Index j : *it)
            m_ranking[static_cast<std::size_t>(j)] = rank;
    return remaining;
}

void Rfe::saveExtra(nlohmann::json& out) const
{
    out["ranking"] = m_ranking;
}

void Rfe::loadExtra(const nlohmann::json& in)
{
    m_ranking.clear();
    for (double v : doublesFromJson(in, "ranking", typeName()))
        m_ranking.push_back(static_cast<int>(v));
}

}  // namespace dslab
