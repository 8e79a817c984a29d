#include "engine/feature_selection/select_k_best.h"

#include "engine/feature_selection/univariate_scores.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

const std::vector<ParamSpec>& SelectKBest::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("score_func", "f_classif", {"f_classif", "chi2", "mutual_info_classif"},
                          "How a feature is scored against the classes: ANOVA F, chi-squared (counts) or mutual information"),
        ParamSpec::integer("k", 10, 1, 1000000, "Number of top-scoring features to keep"),
    };
    return specs;
}

std::vector<Eigen::Index> SelectKBest::selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx)
{
    const Vector& target = requireTarget(y);
    const std::string scoreFunc = paramString("score_func");
    FeatureScores s = scoreFunc == "chi2" ? chi2(X, target)
                      : scoreFunc == "f_classif" ? fClassif(X, target)
                                                 : mutualInfoClassif(X, target, 3, ctx.seed);
    m_scores = s.scores;
    m_pValues = s.pValues;
    const auto d = static_cast<std::size_t>(X.cols());
    const auto k = std::min(d, static_cast<std::size_t>(paramInt("k")));
    // NaN scores (constant features) count as the lowest, as scikit-learn's _clean_nans.
    std::vector<double> clean(d);
    for (std::size_t j = 0; j < d; ++j) {
        const double v = m_scores(static_cast<Eigen::Index>(j));
        clean[j] = std::isnan(v) ? std::numeric_limits<double>::lowest() : v;
    }
    // A stable ascending sort whose last k are kept: among equal scores the later column wins.
    std::vector<Eigen::Index> order(d);
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return clean[static_cast<std::size_t>(a)] < clean[static_cast<std::size_t>(b)]; });
    return {order.end() - static_cast<long>(k), order.end()};
}

void SelectKBest::saveExtra(nlohmann::json& out) const
{
    out["scores"] = vectorToJson(m_scores);
    if (m_pValues.size() > 0)
        out["pvalues"] = vectorToJson(m_pValues);
}

void SelectKBest::loadExtra(const nlohmann::json& in)
{
    m_scores = vectorFromJson(in, "scores", typeName());
    m_pValues = in.contains("pvalues") ? vectorFromJson(in, "pvalues", typeName(), m_scores.size()) : Vector();
}

}  // namespace dslab
