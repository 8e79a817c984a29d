#include "engine/preprocessing/ordinal_encoder.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "OrdinalEncoder";

std::string categoryText(const nlohmann::json& v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number())
        return formatNumber(v.get<double>());
    throw ParamError(std::string(kOwner) + ": a category must be a string or a number, got " + v.dump());
}

}  // namespace

const std::vector<ParamSpec>& OrdinalEncoder::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s = {
            ParamSpec::choice("handle_unknown", "error", {"error", "use_encoded_value"},
                              "A category not seen in training: an error, or unknown_value"),
            ParamSpec::floating("unknown_value", 0.0, -1e12, 1e12,
                                "The code of an unseen category with use_encoded_value (None: NaN)")
                .orNone(),
            ParamSpec::floating("encoded_missing_value", 0.0, -1e12, 1e12, "The code of a missing value (None: NaN)")
                .orNone(),
        };
        s[1].defaultValue = std::monostate{};
        s[2].defaultValue = std::monostate{};
        return s;
    }();
    return specs;
}

bool OrdinalEncoder::setConfig(const std::string& key, const nlohmann::json& value)
{
    if (key != "categories")
        return false;
    if (value.is_string() && value.get<std::string>() == "auto") {
        m_explicit.clear();
        return true;
    }
    if (!value.is_array())
        throw ParamError(std::string(kOwner) + ": categories must be \"auto\" or a list with one list of categories per column");
    std::vector<StringList> lists;
    for (const auto& list : value) {
        if (!list.is_array() || list.empty())
            throw ParamError(std::string(kOwner) + ": each entry of categories must be a non-empty list, got " + list.dump());
        StringList cats;
        for (const auto& v : list)
            cats.push_back(categoryText(v));
        lists.push_back(std::move(cats));
    }
    m_explicit = std::move(lists);
    return true;
}

void OrdinalEncoder::writeConfig(nlohmann::json& step) const
{
    if (!m_explicit.empty())
        step["categories"] = m_explicit;
}

void OrdinalEncoder::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to encode");
    if (!m_explicit.empty() && m_explicit.size() != columns.size())
        throw ParamError(std::string(kOwner) + ": categories has " + std::to_string(m_explicit.size())
                         + " list(s) but there are " + std::to_string(columns.size()) + " columns to encode");
    std::vector<CategoryTable> tables;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& col = data.column(columns[j]);
        CategoryTable t = learnCategories(col);
        if (!m_explicit.empty()) {
            // As scikit-learn: a missing value is a category only when the
            // list names it, so here it is handled as an unknown category.
            CategoryTable given;
            given.column = t.column;
            given.numeric = t.numeric;
            given.values = m_explicit[j];
            given.hasMissing = false;
            given.buildIndex();
            given.counts.assign(given.size(), 0.0);
            for (std::size_t r = 0; r < col.size(); ++r) {
                const int c = given.code(col, r);
                if (c == CategoryTable::kUnknown) {
                    if (paramString("handle_unknown") == "error")
                        throw DataError(std::string(kOwner) + ": column '" + col.name + "' has the category "
                                        + cellForMessage(col, r) + " that is not in its list of categories");
                    continue;
                }
                given.counts[static_cast<std::size_t>(c)] += 1;
            }
            t = std::move(given);
        }
        tables.push_back(std::move(t));
    }
    if (paramString("handle_unknown") == "use_encoded_value" && !paramIsNone("unknown_value")) {
        const double u = paramDouble("unknown_value");
        if (u != std::floor(u))
            throw ParamError(std::string(kOwner) + ": unknown_value must be a whole number or None (NaN)");
        for (const auto& t : tables)
            if (u >= 0 && u < static_cast<double>(t.values.size()))
                throw ParamError(std::string(kOwner) + ": unknown_value " + formatNumber(u)
                                 + " is already the code of a category of column '" + t.column + "'");
    }
    m_tables = std::move(tables);
    m_fitted = true;
}

Matrix OrdinalEncoder::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double missingCode = paramIsNone("encoded_missing_value") ? nan : paramDouble("encoded_missing_value");
    const bool useUnknown = paramString("handle_unknown") == "use_encoded_value";
    const double unknownCode = paramIsNone("unknown_value") ? nan : paramDouble("unknown_value");
    const std::size_t rows = data.rowCount();
    Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(m_tables.size()));
    for (std::size_t j = 0; j < m_tables.size(); ++j) {
        const CategoryTable& t = m_tables[j];
        const Column& col = requireColumn(data, t.column, kOwner);
        for (std::size_t r = 0; r < rows; ++r) {
            double v;
            if (col.isMissing(r) && t.hasMissing) {
                v = missingCode;
            } else {
                const int c = t.code(col, r);
                if (c == CategoryTable::kUnknown) {
                    if (!useUnknown)
                        throw DataError(std::string(kOwner) + ": column '" + t.column + "' has the category "
                                        + cellForMessage(col, r) + " (row " + std::to_string(r + 1)
                                        + ") that was not in the training data; set handle_unknown to \"use_encoded_value\"");
                    v = unknownCode;
                } else {
                    v = c;
                }
            }
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = v;
        }
    }
    return out;
}

StringList OrdinalEncoder::inputColumns() const
{
    return columnsOf(m_tables);
}

std::vector<StringList> OrdinalEncoder::categories() const
{
    std::vector<StringList> out;
    for (const auto& t : m_tables)
        out.push_back(t.values);
    return out;
}

void OrdinalEncoder::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["categories"] = categoryTablesToJson(m_tables);
}

void OrdinalEncoder::loadState(const nlohmann::json& in)
{
    try {
        std::vector<CategoryTable> tables = categoryTablesFromJson(in.at("categories"));
        m_tables = std::move(tables);
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
