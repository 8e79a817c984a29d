#include "engine/imbalance/sampler.h"

#include "engine/core/errors.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace dslab {

void Sampler::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
}

void Sampler::loadState(const nlohmann::json& in)
{
    m_fitted = fittedFlagFromJson(in, typeName());
}

Sampler::ClassCounts Sampler::countClasses(const Matrix& X, const Vector& y) const
{
    if (X.rows() != y.size())
        throw DataError(typeName() + ": the target has " + std::to_string(y.size()) + " values but X has "
                        + std::to_string(X.rows()) + " rows");
    if (X.rows() == 0)
        throw DataError(typeName() + ": there are no rows to resample");
    if (!y.allFinite())
        throw DataError(typeName() + ": the target has missing values; drop those rows first");
    std::map<double, IndexList> byLabel;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        byLabel[y(i)].push_back(i);
    ClassCounts c;
    for (auto& [label, rows] : byLabel) {
        c.labels.push_back(label);
        c.counts.push_back(static_cast<Eigen::Index>(rows.size()));
        c.rows.push_back(std::move(rows));
    }
    if (c.labels.size() < 2)
        throw DataError(typeName() + ": the target has a single class; resampling needs at least two");
    return c;
}

std::vector<Eigen::Index> Sampler::overSampledCounts(const ClassCounts& c) const
{
    const double ratio = paramDouble("sampling_strategy");
    const Eigen::Index majority = *std::max_element(c.counts.begin(), c.counts.end());
    // imbalanced-learn's float strategy: minority classes grow to
    // int(ratio * majority) rows; a class already that large is left alone.
    const auto wanted = static_cast<Eigen::Index>(std::floor(ratio * static_cast<double>(majority)));
    std::vector<Eigen::Index> out;
    for (Eigen::Index n : c.counts)
        out.push_back(std::max(n, wanted));
    return out;
}

}  // namespace dslab
