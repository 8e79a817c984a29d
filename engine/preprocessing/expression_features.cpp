#include "engine/preprocessing/expression_features.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "ExpressionFeatures";

// The table's columns and the features computed so far, by name.
class TableSource : public FeatureExpression::NumericSource {
public:
    explicit TableSource(const Dataset& data) : m_data(data) {}
    const std::vector<double>& numbers(const std::string& name) const override
    {
        if (auto it = m_derived.find(name); it != m_derived.end())
            return it->second;
        const Column& c = m_data.column(name);
        if (c.type != ColumnType::Numeric)
            throw DataError(std::string(kOwner) + ": column '" + name + "' is " + columnTypeName(c.type)
                            + ", not numeric: compare it with a quoted text instead, e.g. " + name + " == '"
                            + (c.strings.empty() ? std::string("value") : c.strings.front()) + "'");
        return c.numbers;
    }
    std::vector<double> equals(const std::string& name, const std::string& text) const override
    {
        std::vector<double> out(m_data.rowCount(), std::numeric_limits<double>::quiet_NaN());
        if (m_derived.count(name))
            throw DataError(std::string(kOwner) + ": '" + name + "' is a derived number; compare it with a number, not a text");
        const Column& c = m_data.column(name);
        for (std::size_t r = 0; r < out.size(); ++r)
            if (!c.isMissing(r))
                out[r] = c.cellText(r) == text ? 1.0 : 0.0;
        return out;
    }
    void add(const std::string& name, std::vector<double> values) { m_derived[name] = std::move(values); }

private:
    const Dataset& m_data;
    std::map<std::string, std::vector<double>> m_derived;
};

}  // namespace

const std::vector<ParamSpec>& ExpressionFeatures::paramSpecs() const
{
    static const std::vector<ParamSpec> specs;
    return specs;
}

void ExpressionFeatures::setFeatures(const std::vector<std::pair<std::string, std::string>>& features)
{
    if (features.empty())
        throw ParamError(std::string(kOwner) + ": features must list at least one [name, expression]");
    StringList names;
    std::vector<FeatureExpression> expressions;
    for (const auto& [name, text] : features) {
        if (name.empty())
            throw ParamError(std::string(kOwner) + ": a feature needs a name (expression '" + text + "')");
        if (std::find(names.begin(), names.end(), name) != names.end())
            throw ParamError(std::string(kOwner) + ": the feature name '" + name + "' is used twice");
        try {
            expressions.emplace_back(text);
        } catch (const ParamError& e) {
            throw ParamError(std::string(kOwner) + ": feature '" + name + "': " + e.what());
        }
        names.push_back(name);
    }
    m_names = std::move(names);
    m_expressions = std::move(expressions);
    m_fitted = false;
}

bool ExpressionFeatures::setConfig(const std::string& key, const nlohmann::json& value)
{
    if (key != "features")
        return false;
    std::vector<std::pair<std::string, std::string>> features;
    if (!value.is_array())
        throw ParamError(std::string(kOwner) + ": features must be a list of [name, expression] pairs");
    for (const auto& f : value) {
        if (!f.is_array() || f.size() != 2 || !f[0].is_string() || !f[1].is_string())
            throw ParamError(std::string(kOwner) + ": each feature must be [name, expression] (two texts), got " + f.dump());
        features.emplace_back(f[0].get<std::string>(), f[1].get<std::string>());
    }
    setFeatures(features);
    return true;
}

void ExpressionFeatures::writeConfig(nlohmann::json& step) const
{
    if (m_names.empty())
        return;  // nothing set yet (an empty list would not read back)
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < m_names.size(); ++i)
        list.push_back(nlohmann::json::array({m_names[i], m_expressions[i].text()}));
    step["features"] = list;
}

void ExpressionFeatures::checkNames(const Dataset& data) const
{
    for (std::size_t i = 0; i < m_expressions.size(); ++i)
        for (const auto& name : m_expressions[i].names()) {
            const bool earlier = std::find(m_names.begin(), m_names.begin() + static_cast<std::ptrdiff_t>(i), name)
                                 != m_names.begin() + static_cast<std::ptrdiff_t>(i);
            if (earlier || data.hasColumn(name))
                continue;
            std::string columns;
            for (const auto& c : data.featureNames())
                columns += (columns.empty() ? "" : ", ") + c;
            throw DataError(std::string(kOwner) + ": feature '" + m_names[i] + "' uses '" + name + "' in '"
                            + m_expressions[i].text() + "', which is neither a column nor an earlier feature (columns: "
                            + columns + ")");
        }
}

void ExpressionFeatures::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    if (m_expressions.empty())
        throw ParamError(std::string(kOwner) + ": no features are set; give \"features\": [[name, expression], ...]");
    checkNames(data);
    StringList inputs;
    for (std::size_t i = 0; i < m_expressions.size(); ++i)
        for (const auto& name : m_expressions[i].names())
            if (std::find(m_names.begin(), m_names.begin() + static_cast<std::ptrdiff_t>(i), name) == m_names.begin() + static_cast<std::ptrdiff_t>(i)
                && std::find(inputs.begin(), inputs.end(), name) == inputs.end())
                inputs.push_back(name);
    m_inputColumns = std::move(inputs);
    m_fitted = true;
    transform(data);  // reports a text column used as a number now, not at predict time
}

Matrix ExpressionFeatures::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    checkNames(data);
    const std::size_t rows = data.rowCount();
    TableSource source(data);
    Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(m_names.size()));
    for (std::size_t j = 0; j < m_names.size(); ++j) {
        std::vector<double> v = m_expressions[j].evaluate(source, rows);
        for (std::size_t r = 0; r < rows; ++r)
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = std::isfinite(v[r]) ? v[r] : std::numeric_limits<double>::quiet_NaN();
        source.add(m_names[j], std::move(v));
    }
    return out;
}

StringList ExpressionFeatures::featureNamesOut() const
{
    return m_names;
}

void ExpressionFeatures::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["input_columns"] = m_inputColumns;
}

void ExpressionFeatures::loadState(const nlohmann::json& in)
{
    try {
        m_inputColumns = in.at("input_columns").get<StringList>();
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
