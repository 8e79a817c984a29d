// One column of a table with its inferred type. Missing values stay missing:
// NaN in numeric storage, a flag in text storage; never silently zero.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dslab {

enum class ColumnType { Numeric, Categorical, Text, Datetime };

std::string columnTypeName(ColumnType type);  // "numeric", "categorical", "text", "datetime"

struct Column {
    std::string name;
    ColumnType type = ColumnType::Numeric;
    // Numeric: the values, NaN where missing. Datetime: seconds since
    // 1970-01-01 UTC (NaN where missing). Empty for categorical and text.
    std::vector<double> numbers;
    // Categorical, text and datetime: the cell text as read (empty for numeric).
    std::vector<std::string> strings;
    // Categorical, text and datetime: 1 where the cell is missing.
    std::vector<unsigned char> missing;

    std::size_t size() const;
    bool isMissing(std::size_t row) const;
    std::size_t missingCount() const;
    // Sorted distinct non-missing values (strings for categorical/text/datetime,
    // numbers formatted without trailing zeros for numeric).
    std::vector<std::string> distinctValues() const;
    // The cell as text ("" when missing).
    std::string cellText(std::size_t row) const;
};

// Shortest text that reads back as the same double: "0", "2.5", "1e+20";
// "nan" and "inf" for those values.
std::string formatNumber(double value);

// Cell parsers shared by the CSV reader and Dataset::setColumnType. Spaces
// around the text are allowed; the rest must parse completely.
// A number as std::from_chars reads it, plus an optional leading '+'.
bool parseNumberCell(std::string_view text, double& value);
// An ISO date YYYY-MM-DD, optionally followed by [T ]HH:MM[:SS[.fff]][Z],
// as seconds since 1970-01-01 UTC.
bool parseDatetimeCell(std::string_view text, double& secondsSinceEpoch);

}  // namespace dslab
