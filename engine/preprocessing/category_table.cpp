#include "engine/preprocessing/category_table.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"

#include <nlohmann/json.hpp>

namespace dslab {

std::string categoryKey(const Column& column, std::size_t row)
{
    if (column.isMissing(row))
        return {};
    if (column.type == ColumnType::Numeric)
        return formatNumber(column.numbers[row]);
    return column.strings[row];
}

int CategoryTable::code(const Column& c, std::size_t row) const
{
    if (c.isMissing(row))
        return hasMissing ? static_cast<int>(values.size()) : kUnknown;
    const auto it = m_index.find(categoryKey(c, row));
    return it == m_index.end() ? kUnknown : it->second;
}

std::string CategoryTable::label(std::size_t index) const
{
    return index < values.size() ? values[index] : std::string("nan");
}

void CategoryTable::buildIndex()
{
    m_index.clear();
    for (std::size_t i = 0; i < values.size(); ++i)
        m_index.emplace(values[i], static_cast<int>(i));
}

nlohmann::json CategoryTable::toJson() const
{
    return {{"column", column}, {"numeric", numeric}, {"values", values}, {"has_missing", hasMissing}, {"counts", counts}};
}

CategoryTable CategoryTable::fromJson(const nlohmann::json& j)
{
    CategoryTable t;
    t.column = j.at("column").get<std::string>();
    t.numeric = j.at("numeric").get<bool>();
    t.values = j.at("values").get<StringList>();
    t.hasMissing = j.at("has_missing").get<bool>();
    t.counts = j.at("counts").get<std::vector<double>>();
    if (t.counts.size() != t.size())
        throw FormatError("the category counts of column '" + t.column + "' do not match its categories");
    t.buildIndex();
    return t;
}

CategoryTable learnCategories(const Column& column)
{
    CategoryTable t;
    t.column = column.name;
    t.numeric = column.type == ColumnType::Numeric;
    t.values = column.distinctValues();  // numbers sorted by value, text by byte (= code point) order
    t.buildIndex();
    const std::size_t missing = column.missingCount();
    t.hasMissing = missing > 0;
    t.counts.assign(t.size(), 0.0);
    for (std::size_t r = 0; r < column.size(); ++r) {
        const int c = t.code(column, r);
        if (c >= 0)
            t.counts[static_cast<std::size_t>(c)] += 1;
    }
    return t;
}

const Column& requireColumn(const Dataset& data, const std::string& name, const std::string& owner)
{
    const int idx = data.columnIndex(name);
    if (idx < 0)
        throw DataError(owner + ": the data has no column '" + name + "'");
    return data.column(static_cast<std::size_t>(idx));
}

std::string cellForMessage(const Column& column, std::size_t row)
{
    if (column.isMissing(row))
        return "a missing value";
    std::string text(1, '\'');
    text += categoryKey(column, row);
    text.push_back('\'');
    return text;
}

StringList columnsOf(const std::vector<CategoryTable>& tables)
{
    StringList names;
    for (const auto& t : tables)
        names.push_back(t.column);
    return names;
}

nlohmann::json categoryTablesToJson(const std::vector<CategoryTable>& tables)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : tables)
        out.push_back(t.toJson());
    return out;
}

std::vector<CategoryTable> categoryTablesFromJson(const nlohmann::json& array)
{
    std::vector<CategoryTable> tables;
    for (const auto& c : array)
        tables.push_back(CategoryTable::fromJson(c));
    return tables;
}

}  // namespace dslab
