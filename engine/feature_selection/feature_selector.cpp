#include "engine/feature_selection/feature_selector.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dslab {

const Vector& FeatureSelector::requireTarget(const Vector* y) const
{
    if (!y)
        throw DataError(typeName() + " scores features against the target: fit it with y (inside a Pipeline it gets it)");
    return *y;
}

void FeatureSelector::fit(const Matrix& X, const Vector* y, TrainContext& ctx)
{
    requireSamples(X, typeName());
    if (y && y->size() != X.rows())
        throw DataError(typeName() + ": the target has " + std::to_string(y->size()) + " values but X has "
                        + std::to_string(X.rows()) + " rows");
    std::vector<Eigen::Index> kept = selectColumns(X, y, ctx);
    std::sort(kept.begin(), kept.end());
    if (kept.empty())
        throw DataError(typeName() + ": no feature is kept with these settings; loosen the threshold or keep more features");
    m_support = std::move(kept);
    m_featuresIn = X.cols();
    m_fitted = true;
}

Matrix FeatureSelector::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_featuresIn, typeName());
    Matrix out(X.rows(), static_cast<Eigen::Index>(m_support.size()));
    for (std::size_t k = 0; k < m_support.size(); ++k)
        out.col(static_cast<Eigen::Index>(k)) = X.col(m_support[k]);
    return out;
}

StringList FeatureSelector::featureNamesOut(const StringList& namesIn) const
{
    StringList out;
    for (Eigen::Index j : m_support) {
        if (static_cast<std::size_t>(j) < namesIn.size()) {
            out.push_back(namesIn[static_cast<std::size_t>(j)]);
        } else {
            std::string name = "x";  // scikit-learn's default name of an unnamed column
            name += std::to_string(j);
            out.push_back(std::move(name));
        }
    }
    return out;
}

void FeatureSelector::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["n_features_in"] = m_featuresIn;
    out["support"] = m_support;
    saveExtra(out);
}

void FeatureSelector::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, typeName())) {
        m_fitted = false;
        m_support.clear();
        return;
    }
    const long long featuresIn = integerFromJson(in, "n_features_in", typeName(), 1, 1LL << 40);
    std::vector<Eigen::Index> support;
    for (double v : doublesFromJson(in, "support", typeName())) {
        if (v < 0 || v >= static_cast<double>(featuresIn) || v != static_cast<double>(static_cast<Eigen::Index>(v)))
            throwDamagedState(typeName(), "'support' must hold column indices below n_features_in");
        support.push_back(static_cast<Eigen::Index>(v));
    }
    if (support.empty() || !std::is_sorted(support.begin(), support.end()))
        throwDamagedState(typeName(), "'support' must list increasing column indices");
    loadExtra(in);
    m_support = std::move(support);
    m_featuresIn = static_cast<Eigen::Index>(featuresIn);
    m_fitted = true;
}

}  // namespace dslab
