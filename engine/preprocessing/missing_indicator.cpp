#include "engine/preprocessing/missing_indicator.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {
const char* const kOwner = "MissingIndicator";
}

const std::vector<ParamSpec>& MissingIndicator::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("features", "missing-only", {"missing-only", "all"},
                          "Flag only the columns with missing values during fit, or every column"),
        ParamSpec::boolean("error_on_new", true,
                           "Refuse new data with gaps in a column that had none during fit (missing-only)"),
    };
    return specs;
}

void MissingIndicator::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const bool all = paramString("features") == "all";
    m_features.clear();
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        if (all || X.col(j).array().isNaN().any())
            m_features.push_back(j);
    m_inputs = X.cols();
}

Matrix MissingIndicator::transform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, m_inputs, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    if (paramString("features") == "missing-only" && paramBool("error_on_new")) {
        std::vector<bool> flagged(static_cast<std::size_t>(m_inputs), false);
        for (Eigen::Index j : m_features)
            flagged[static_cast<std::size_t>(j)] = true;
        std::string bad;
        for (Eigen::Index j = 0; j < X.cols(); ++j)
            if (!flagged[static_cast<std::size_t>(j)] && X.col(j).array().isNaN().any())
                bad += (bad.empty() ? "" : ", ") + std::to_string(j);
        if (!bad.empty())
            throw DataError(std::string(kOwner) + ": column(s) " + bad
                            + " have missing values now but had none during fit, so they have no indicator. "
                              "Use features \"all\" or turn error_on_new off");
    }
    Matrix out(X.rows(), static_cast<Eigen::Index>(m_features.size()));
    for (std::size_t k = 0; k < m_features.size(); ++k)
        out.col(static_cast<Eigen::Index>(k)) = X.col(m_features[k]).array().isNaN().cast<double>().matrix();
    return out;
}

StringList MissingIndicator::featureNamesOut(const StringList& namesIn) const
{
    if (!isFitted() || static_cast<Eigen::Index>(namesIn.size()) != m_inputs)
        return namesIn;
    StringList out;
    for (Eigen::Index j : m_features)
        out.push_back("missingindicator_" + namesIn[static_cast<std::size_t>(j)]);
    return out;
}

void MissingIndicator::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = isFitted();
    if (!isFitted())
        return;
    out["n_features_in"] = m_inputs;
    out["features"] = m_features;
}

void MissingIndicator::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_inputs = 0;
        m_features.clear();
        return;
    }
    const long long inputs = integerFromJson(in, "n_features_in", kOwner, 1, 1LL << 40);
    const auto it = in.find("features");
    if (it == in.end() || !it->is_array())
        throwDamagedState(kOwner, "'features' must be a list of column indices");
    std::vector<Eigen::Index> features;
    for (const auto& v : *it) {
        if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() >= inputs
            || (!features.empty() && v.get<long long>() <= features.back()))
            throwDamagedState(kOwner, "'features' must hold increasing column indices below n_features_in");
        features.push_back(static_cast<Eigen::Index>(v.get<long long>()));
    }
    m_inputs = static_cast<Eigen::Index>(inputs);
    m_features = std::move(features);
}

}  // namespace dslab
