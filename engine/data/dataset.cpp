#include "engine/data/dataset.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace dslab {

namespace {

std::string quoted(const std::string& text)
{
    return "'" + text + "'";
}

std::string joinQuoted(const StringList& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += quoted(names[i]);
    }
    return out;
}

// The step a learner adds to make a column of this type numeric.
std::string encoderAdvice(ColumnType type)
{
    switch (type) {
    case ColumnType::Categorical:
        return "add a OneHotEncoder or OrdinalEncoder (or drop the column) before a model";
    case ColumnType::Text:
        return "add a CountVectorizer or TfidfVectorizer (or drop the column) before a model";
    case ColumnType::Datetime:
        return "extract numbers from it (year, month, day of week) or drop the column before a model";
    case ColumnType::Numeric:
        break;
    }
    return {};
}

// Rows count from 0; the CSV it came from has the header on line 1.
std::string lineOfRow(std::size_t row)
{
    return "line " + std::to_string(row + 2);
}

}  // namespace

void Dataset::addColumn(Column column)
{
    if (column.name.empty())
        throw DataError("a column needs a name");
    if (hasColumn(column.name))
        throw DataError("dataset '" + name + "' already has a column named " + quoted(column.name));
    if (column.type == ColumnType::Numeric) {
        column.strings.clear();
        column.missing.clear();
    } else {
        if (column.missing.empty())
            column.missing.assign(column.strings.size(), 0);
        if (column.missing.size() != column.strings.size())
            throw DataError("column " + quoted(column.name) + " has " + std::to_string(column.strings.size())
                            + " cells but " + std::to_string(column.missing.size()) + " missing flags");
        if (column.type == ColumnType::Datetime && column.numbers.size() != column.strings.size())
            throw DataError("datetime column " + quoted(column.name) + " has " + std::to_string(column.strings.size())
                            + " cells but " + std::to_string(column.numbers.size()) + " times");
        if (column.type != ColumnType::Datetime)
            column.numbers.clear();
    }
    if (!m_columns.empty() && column.size() != rowCount())
        throw DataError("column " + quoted(column.name) + " has " + std::to_string(column.size()) + " rows but dataset '"
                        + name + "' has " + std::to_string(rowCount()));
    m_columns.push_back(std::move(column));
}

std::size_t Dataset::rowCount() const
{
    return m_columns.empty() ? 0 : m_columns.front().size();
}

const Column& Dataset::column(const std::string& columnName) const
{
    const int index = columnIndex(columnName);
    if (index < 0) {
        StringList names;
        for (const Column& c : m_columns)
            names.push_back(c.name);
        throw DataError("no column named " + quoted(columnName) + (name.empty() ? "" : " in dataset '" + name + "'")
                        + "; the columns are " + joinQuoted(names));
    }
    return m_columns[static_cast<std::size_t>(index)];
}

Column& Dataset::mutableColumn(const std::string& columnName)
{
    return const_cast<Column&>(std::as_const(*this).column(columnName));
}

int Dataset::columnIndex(const std::string& columnName) const
{
    for (std::size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].name == columnName)
            return static_cast<int>(i);
    return -1;
}

void Dataset::setColumnType(const std::string& columnName, ColumnType type)
{
    Column& c = mutableColumn(columnName);
    if (c.type == type)
        return;
    const std::size_t rows = c.size();

    // A datetime as a number is its seconds since 1970, which keeps the order
    // and the spacing of the times.
    if (c.type == ColumnType::Datetime && type == ColumnType::Numeric) {
        for (std::size_t i = 0; i < rows; ++i)
            if (c.missing[i])
                c.numbers[i] = std::nan("");
        c.strings.clear();
        c.missing.clear();
        c.type = type;
        return;
    }

    // Every other conversion goes through the cell text.
    if (c.type == ColumnType::Numeric) {
        c.strings.resize(rows);
        c.missing.assign(rows, 0);
        for (std::size_t i = 0; i < rows; ++i) {
            if (std::isnan(c.numbers[i]))
                c.missing[i] = 1;
            else
                c.strings[i] = formatNumber(c.numbers[i]);
        }
    }

    if (type == ColumnType::Numeric || type == ColumnType::Datetime) {
        std::vector<double> values(rows, std::nan(""));
        for (std::size_t i = 0; i < rows; ++i) {
            if (c.missing[i])
                continue;
            const bool ok = type == ColumnType::Numeric ? parseNumberCell(c.strings[i], values[i])
                                                        : parseDatetimeCell(c.strings[i], values[i]);
            if (!ok) {
                const std::string message = "column " + quoted(columnName) + " cannot become " + columnTypeName(type)
                                            + ": " + lineOfRow(i) + " holds '" + c.strings[i] + "', which is not "
                                            + (type == ColumnType::Numeric ? "a number" : "an ISO date like 2024-01-31")
                                            + "; fix or blank that cell first";
                // Leave the column as it was when the conversion fails.
                if (c.type == ColumnType::Numeric) {
                    c.strings.clear();
                    c.missing.clear();
                }
                throw DataError(message);
            }
        }
        c.numbers = std::move(values);
        if (type == ColumnType::Numeric) {
            c.strings.clear();
            c.missing.clear();
        }
    } else {
        c.numbers.clear();
    }
    c.type = type;
}

void Dataset::setTarget(const std::string& columnName)
{
    if (columnName.empty()) {
        m_target.clear();
        return;
    }
    (void)column(columnName);  // throws naming the columns there are
    m_target = columnName;
}

StringList Dataset::featureNames() const
{
    StringList names;
    for (const Column& c : m_columns)
        if (c.name != m_target)
            names.push_back(c.name);
    return names;
}

Matrix Dataset::featureMatrix(const StringList& columns) const
{
    const StringList names = columns.empty() ? featureNames() : columns;
    // Name every non-numeric column at once, so one error lists all the work to do.
    std::map<ColumnType, StringList> nonNumeric;
    for (const std::string& n : names) {
        const Column& c = column(n);
        if (c.type != ColumnType::Numeric)
            nonNumeric[c.type].push_back(n);
    }
    if (!nonNumeric.empty()) {
        std::string message;
        for (const auto& [type, list] : nonNumeric) {
            if (!message.empty())
                message += "; ";
            message += (list.size() == 1 ? "column " : "columns ") + joinQuoted(list)
                       + (list.size() == 1 ? " is " : " are ") + columnTypeName(type) + "; " + encoderAdvice(type);
        }
        throw DataError(message);
    }
    const auto rows = static_cast<Eigen::Index>(rowCount());
    Matrix X(rows, static_cast<Eigen::Index>(names.size()));
    for (std::size_t j = 0; j < names.size(); ++j) {
        const Column& c = column(names[j]);
        X.col(static_cast<Eigen::Index>(j)) = Eigen::Map<const Vector>(c.numbers.data(), rows);
    }
    return X;
}

Vector Dataset::targetValues() const
{
    if (!hasTarget())
        throw DataError("no target column is set; choose the column to predict first");
    const Column& c = column(m_target);
    if (c.type != ColumnType::Numeric)
        throw DataError("target " + quoted(m_target) + " is " + columnTypeName(c.type)
                        + ", not numeric; use a classifier, or choose a numeric target for regression");
    if (const std::size_t missingCount = c.missingCount(); missingCount > 0)
        throw DataError("target " + quoted(m_target) + " has " + std::to_string(missingCount)
                        + " missing values; drop those rows before training");
    return Eigen::Map<const Vector>(c.numbers.data(), static_cast<Eigen::Index>(c.numbers.size()));
}

Vector Dataset::targetCodes() const
{
    if (!hasTarget())
        throw DataError("no target column is set; choose the column to predict first");
    const Column& c = column(m_target);
    if (const std::size_t missingCount = c.missingCount(); missingCount > 0)
        throw DataError("target " + quoted(m_target) + " has " + std::to_string(missingCount)
                        + " missing values; drop those rows before training a classifier");
    const std::size_t rows = c.size();
    Vector codes(static_cast<Eigen::Index>(rows));
    if (c.type == ColumnType::Numeric) {
        std::vector<double> classes(c.numbers);
        std::sort(classes.begin(), classes.end());
        classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
        for (std::size_t i = 0; i < rows; ++i)
            codes(static_cast<Eigen::Index>(i)) = static_cast<double>(
                std::lower_bound(classes.begin(), classes.end(), c.numbers[i]) - classes.begin());
    } else {
        const StringList classes = c.distinctValues();
        for (std::size_t i = 0; i < rows; ++i)
            codes(static_cast<Eigen::Index>(i)) = static_cast<double>(
                std::lower_bound(classes.begin(), classes.end(), c.strings[i]) - classes.begin());
    }
    return codes;
}

StringList Dataset::classLabels() const
{
    if (!hasTarget())
        throw DataError("no target column is set; choose the column to predict first");
    return column(m_target).distinctValues();
}

Dataset Dataset::selectRows(const IndexList& rows) const
{
    Dataset out;
    out.name = name;
    const auto count = static_cast<Eigen::Index>(rowCount());
    for (Eigen::Index r : rows)
        if (r < 0 || r >= count)
            throw DataError("row index " + std::to_string(r) + " is out of range: dataset '" + name + "' has "
                            + std::to_string(count) + " rows");
    for (const Column& c : m_columns) {
        Column picked;
        picked.name = c.name;
        picked.type = c.type;
        if (!c.numbers.empty()) {
            picked.numbers.reserve(rows.size());
            for (Eigen::Index r : rows)
                picked.numbers.push_back(c.numbers[static_cast<std::size_t>(r)]);
        }
        if (c.type != ColumnType::Numeric) {
            picked.strings.reserve(rows.size());
            picked.missing.reserve(rows.size());
            for (Eigen::Index r : rows) {
                picked.strings.push_back(c.strings[static_cast<std::size_t>(r)]);
                picked.missing.push_back(c.missing[static_cast<std::size_t>(r)]);
            }
        }
        out.m_columns.push_back(std::move(picked));
    }
    out.m_target = m_target;
    return out;
}

Dataset Dataset::selectColumns(const StringList& columns) const
{
    Dataset out;
    out.name = name;
    for (const std::string& n : columns)
        out.addColumn(column(n));
    if (out.hasColumn(m_target))
        out.m_target = m_target;
    return out;
}

}  // namespace dslab
