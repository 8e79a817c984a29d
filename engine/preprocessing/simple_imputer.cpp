#include "engine/preprocessing/simple_imputer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "SimpleImputer";

// The middle value (mean of the two middle values for an even count), as numpy's median.
double median(std::vector<double> values)
{
    const std::size_t n = values.size();
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), mid, values.end());
    const double upper = *mid;
    if (n % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), mid);
    return (lower + upper) / 2;
}

// The most frequent value; ties go to the smallest, as scikit-learn.
double mostFrequent(const std::vector<double>& values)
{
    std::map<double, std::size_t> counts;
    for (double v : values)
        ++counts[v];
    double best = 0;
    std::size_t bestCount = 0;
    for (const auto& [value, count] : counts)  // ascending, so the first maximum is the smallest value
        if (count > bestCount) {
            best = value;
            bestCount = count;
        }
    return best;
}

bool isMissing(double v)
{
    return std::isnan(v);
}

}  // namespace

const std::vector<ParamSpec>& SimpleImputer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("strategy", "mean", {"mean", "median", "most_frequent", "constant"},
                          "What replaces a missing value: the column's mean, median, most frequent value, or fill_value"),
        ParamSpec::floating("fill_value", 0.0, -1e300, 1e300, "The value used by strategy \"constant\""),
        ParamSpec::boolean("add_indicator", false,
                           "Append a 0/1 column per feature that had missing values during fit"),
    };
    return specs;
}

namespace {

MissingIndicator indicatorForImputer()
{
    MissingIndicator indicator;
    indicator.setParams({{"features", std::string("missing-only")}, {"error_on_new", false}});
    return indicator;
}

}  // namespace

void SimpleImputer::fit(const Matrix& X, const Vector*, TrainContext& ctx)
{
    requireSamples(X, kOwner);
    if (X.array().isInf().any())
        throw DataError(std::string(kOwner) + ": the data has infinite values; only NaN counts as missing. "
                        "Replace or clip the infinite values first");
    const std::string strategy = paramString("strategy");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m_statistics.resize(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        if (strategy == "constant") {
            m_statistics(j) = paramDouble("fill_value");
            continue;
        }
        std::vector<double> present;
        present.reserve(static_cast<std::size_t>(X.rows()));
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            if (!isMissing(X(i, j)))
                present.push_back(X(i, j));
        if (present.empty()) {
            m_statistics(j) = nan;  // dropped by transform
            continue;
        }
        if (strategy == "mean") {
            double sum = 0;
            for (double v : present)
                sum += v;
            m_statistics(j) = sum / static_cast<double>(present.size());
        } else if (strategy == "median") {
            m_statistics(j) = median(std::move(present));
        } else {
            m_statistics(j) = mostFrequent(present);
        }
    }
    m_indicator = indicatorForImputer();
    m_indicator.fit(X, nullptr, ctx);
    m_fitted = true;
}

Matrix SimpleImputer::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_statistics.size(), kOwner);
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < m_statistics.size(); ++j)
        if (!std::isnan(m_statistics(j)))
            kept.push_back(j);
    Matrix out(X.rows(), static_cast<Eigen::Index>(kept.size()));
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const Eigen::Index j = kept[k];
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            out(i, static_cast<Eigen::Index>(k)) = isMissing(X(i, j)) ? m_statistics(j) : X(i, j);
    }
    if (!paramBool("add_indicator"))
        return out;
    const Matrix flags = m_indicator.transform(X);
    Matrix both(out.rows(), out.cols() + flags.cols());
    both << out, flags;
    return both;
}

StringList SimpleImputer::featureNamesOut(const StringList& namesIn) const
{
    if (!m_fitted || static_cast<Eigen::Index>(namesIn.size()) != m_statistics.size())
        return namesIn;
    StringList out;
    for (std::size_t j = 0; j < namesIn.size(); ++j)
        if (!std::isnan(m_statistics(static_cast<Eigen::Index>(j))))
            out.push_back(namesIn[j]);
    if (paramBool("add_indicator"))
        for (auto& name : m_indicator.featureNamesOut(namesIn))
            out.push_back(std::move(name));
    return out;
}

void SimpleImputer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    // JSON has no NaN: a dropped column is saved as null.
    nlohmann::json stats = nlohmann::json::array();
    for (Eigen::Index j = 0; j < m_statistics.size(); ++j)
        stats.push_back(std::isnan(m_statistics(j)) ? nlohmann::json(nullptr) : nlohmann::json(m_statistics(j)));
    out["statistics"] = std::move(stats);
    nlohmann::json indicator;
    m_indicator.saveState(indicator);
    out["indicator"] = std::move(indicator);
}

void SimpleImputer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_statistics.resize(0);
        m_indicator = indicatorForImputer();
        return;
    }
    const auto it = in.find("statistics");
    if (it == in.end() || !it->is_array() || it->empty())
        throwDamagedState(kOwner, "'statistics' must be a non-empty list of numbers (null for a dropped column)");
    Vector stats(static_cast<Eigen::Index>(it->size()));
    for (std::size_t j = 0; j < it->size(); ++j) {
        const auto& v = (*it)[j];
        if (v.is_null())
            stats(static_cast<Eigen::Index>(j)) = std::numeric_limits<double>::quiet_NaN();
        else if (v.is_number())
            stats(static_cast<Eigen::Index>(j)) = v.get<double>();
        else
            throwDamagedState(kOwner, "'statistics' must hold numbers or null");
    }
    // States saved before add_indicator existed have no "indicator".
    MissingIndicator indicator = indicatorForImputer();
    if (const auto ind = in.find("indicator"); ind != in.end())
        indicator.loadState(*ind);
    if (paramBool("add_indicator") && !indicator.isFitted())
        throwDamagedState(kOwner, "add_indicator is on but 'indicator' is missing or not fitted");
    if (indicator.isFitted() && !indicator.features().empty()
        && indicator.features().back() >= static_cast<Eigen::Index>(it->size()))
        throwDamagedState(kOwner, "'indicator' names a column the imputer does not have");
    m_statistics = std::move(stats);
    m_indicator = std::move(indicator);
    m_fitted = true;
}

}  // namespace dslab
