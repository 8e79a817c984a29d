#include "engine/data/column_profile.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace dslab {

namespace {

// Fewer rows than this and "every value is different" says nothing: a
// ten-row table of measurements is all distinct too.
constexpr std::size_t kMinRowsForIdentifier = 20;
// Share of distinct values above which short strings are ids or free labels.
constexpr double kIdentifierShare = 0.95;
// Share of number-like cells above which a text column is numbers with a few typos.
constexpr double kNumbersAsTextShare = 0.9;

std::string percent(std::size_t part, std::size_t whole)
{
    const double share = whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    char text[16];
    std::snprintf(text, sizeof(text), "%.0f%%", share);
    return text;
}

std::string count(std::size_t n)
{
    return std::to_string(n);
}

// Rows count from 0 and the header is line 1, as Dataset's conversion messages count.
std::size_t csvLineOfRow(std::size_t row)
{
    return row + 2;
}

bool storesStrings(const Column& column)
{
    return column.type != ColumnType::Numeric;
}

struct Counts {
    std::size_t missing = 0;
    std::size_t distinct = 0;
    bool allIntegral = true;  // numeric columns only
    std::vector<std::string> samples;
};

Counts countValues(const Column& column, std::size_t sampleCount)
{
    Counts counts;
    const std::size_t rows = column.size();
    if (!storesStrings(column)) {
        std::unordered_set<double> seen;
        seen.reserve(std::min<std::size_t>(rows, 1 << 16));
        for (std::size_t i = 0; i < rows; ++i) {
            double v = column.numbers[i];
            if (std::isnan(v)) {
                ++counts.missing;
                continue;
            }
            if (v == 0.0)
                v = 0.0;  // -0 and 0 are one value
            if (counts.allIntegral && (v != std::floor(v) || std::abs(v) > 9e15))
                counts.allIntegral = false;
            if (seen.insert(v).second && counts.samples.size() < sampleCount)
                counts.samples.push_back(formatNumber(v));
        }
        counts.distinct = seen.size();
        return counts;
    }
    counts.allIntegral = false;
    std::unordered_set<std::string_view> seen;
    seen.reserve(std::min<std::size_t>(rows, 1 << 16));
    for (std::size_t i = 0; i < rows; ++i) {
        if (column.missing[i]) {
            ++counts.missing;
            continue;
        }
        if (seen.insert(column.strings[i]).second && counts.samples.size() < sampleCount)
            counts.samples.push_back(column.strings[i]);
    }
    counts.distinct = seen.size();
    return counts;
}

// A text column that is mostly numbers: the first cell that is not one, and
// how many such cells there are. Empty when the column is not like that.
void checkNumbersAsText(const Column& column, std::size_t nonMissing, ColumnProfile& profile)
{
    if (!storesStrings(column) || column.type == ColumnType::Datetime || nonMissing == 0)
        return;
    std::size_t numbers = 0;
    std::size_t firstBad = column.size();
    for (std::size_t i = 0; i < column.size(); ++i) {
        if (column.missing[i])
            continue;
        double value = 0;
        if (parseNumberCell(column.strings[i], value))
            ++numbers;
        else if (firstBad == column.size())
            firstBad = i;
    }
    if (numbers == nonMissing || static_cast<double>(numbers) < kNumbersAsTextShare * static_cast<double>(nonMissing))
        return;
    const std::size_t bad = nonMissing - numbers;
    profile.problems.push_back(
        {ColumnProblemKind::NumbersAsText,
         "numbers stored as text: " + count(numbers) + " of " + count(nonMissing) + " values are numbers, but line "
             + count(csvLineOfRow(firstBad)) + " holds '" + column.strings[firstBad] + "'"
             + (bad > 1 ? " (and " + count(bad - 1) + " more cells are not numbers)" : std::string())
             + "; fix or blank those cells, then choose numeric"});
}

}  // namespace

std::string columnRoleName(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Numeric:
        return "numeric";
    case ColumnRole::Categorical:
        return "categorical";
    case ColumnRole::Text:
        return "text";
    case ColumnRole::Datetime:
        return "datetime";
    case ColumnRole::Ignore:
        return "ignore";
    }
    return "numeric";
}

std::optional<ColumnRole> columnRoleFromName(std::string_view name)
{
    for (ColumnRole role : allColumnRoles())
        if (columnRoleName(role) == name)
            return role;
    return std::nullopt;
}

ColumnRole roleOfType(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric:
        return ColumnRole::Numeric;
    case ColumnType::Categorical:
        return ColumnRole::Categorical;
    case ColumnType::Text:
        return ColumnRole::Text;
    case ColumnType::Datetime:
        return ColumnRole::Datetime;
    }
    return ColumnRole::Numeric;
}

const std::vector<ColumnRole>& allColumnRoles()
{
    static const std::vector<ColumnRole> roles{ColumnRole::Numeric, ColumnRole::Categorical, ColumnRole::Text,
                                               ColumnRole::Datetime, ColumnRole::Ignore};
    return roles;
}

bool ColumnProfile::hasProblem(ColumnProblemKind kind) const
{
    return std::any_of(problems.begin(), problems.end(), [kind](const ColumnProblem& p) { return p.kind == kind; });
}

ColumnProfile profileColumn(const Column& column, const ProfileOptions& options)
{
    ColumnProfile profile;
    profile.name = column.name;
    profile.storedType = column.type;
    profile.suggestedRole = roleOfType(column.type);
    profile.rowCount = column.size();
    Counts counts = countValues(column, options.sampleCount);
    profile.missingCount = counts.missing;
    profile.distinctCount = counts.distinct;
    profile.samples = std::move(counts.samples);
    const std::size_t rows = profile.rowCount;
    const std::size_t nonMissing = rows - counts.missing;

    auto suggestIgnore = [&](std::string reason) {
        profile.suggestedRole = ColumnRole::Ignore;
        profile.reason = std::move(reason);
    };

    if (rows > 0 && nonMissing == 0) {
        profile.problems.push_back({ColumnProblemKind::AllMissing, "every cell is missing: nothing to learn from"});
        suggestIgnore("no values");
        return profile;
    }
    if (2 * counts.missing > rows)
        profile.problems.push_back({ColumnProblemKind::MostlyMissing,
                                    "mostly missing: " + count(counts.missing) + " of " + count(rows) + " cells ("
                                        + percent(counts.missing, rows)
                                        + "); impute with care, add a missing indicator, or ignore the column"});
    if (counts.distinct == 1) {
        if (counts.missing == 0) {
            profile.problems.push_back({ColumnProblemKind::Constant,
                                        "constant: every row holds '" + profile.samples.front()
                                            + "', so the column cannot tell rows apart"});
            suggestIgnore("one value in every row");
        } else {
            // Present versus missing may still carry signal (a cabin number or none).
            profile.problems.push_back({ColumnProblemKind::Constant,
                                        "one value ('" + profile.samples.front()
                                            + "') or missing: only whether a value is present can carry signal; "
                                              "a missing indicator says that more directly"});
        }
        return profile;
    }

    const bool allDistinct = counts.distinct == nonMissing;
    if (column.type == ColumnType::Numeric) {
        if (counts.allIntegral && allDistinct && counts.missing == 0 && rows >= kMinRowsForIdentifier) {
            profile.problems.push_back({ColumnProblemKind::Identifier,
                                        "looks like an identifier: all " + count(rows)
                                            + " values are different whole numbers; a model would learn row "
                                              "numbers, not a pattern"});
            suggestIgnore("every value is a different whole number (an id)");
        }
    } else if (column.type == ColumnType::Categorical) {
        const bool nearlyUnique = nonMissing >= kMinRowsForIdentifier
                                  && static_cast<double>(counts.distinct) >= kIdentifierShare * static_cast<double>(nonMissing);
        if (nearlyUnique) {
            profile.problems.push_back({ColumnProblemKind::Identifier,
                                        "looks like an identifier: " + count(counts.distinct) + " different values in "
                                            + count(nonMissing) + " rows; categories seen once cannot generalise"});
            suggestIgnore("nearly every value is different (an id or a free label)");
        } else if (counts.distinct > options.highCardinality
                   && (2 * counts.distinct > nonMissing || counts.distinct > 5 * options.highCardinality)) {
            profile.problems.push_back({ColumnProblemKind::HighCardinality,
                                        "high-cardinality: " + count(counts.distinct) + " categories in " + count(nonMissing)
                                            + " values; one-hot encoding would add " + count(counts.distinct)
                                            + " mostly empty columns; try a frequency or target encoder, or ignore it"});
        }
    }
    checkNumbersAsText(column, nonMissing, profile);
    return profile;
}

std::vector<ColumnProfile> profileColumns(const Dataset& data, const ProfileOptions& options)
{
    std::vector<ColumnProfile> profiles;
    profiles.reserve(data.columnCount());
    for (const Column& column : data.columns())
        profiles.push_back(profileColumn(column, options));
    if (profiles.size() == 1)
        profiles.front().problems.push_back(
            {ColumnProblemKind::SingleColumn,
             "the table has a single column: a model needs features and a target; if the file separates values "
             "with ';' or tabs, check that the header row does too"});
    return profiles;
}

std::string checkColumnRole(const Dataset& data, const std::string& columnName, ColumnRole role)
{
    const Column& column = data.column(columnName);
    if (role == ColumnRole::Ignore || role == roleOfType(column.type))
        return {};
    // Any cell reads as a category or as text; only numbers and dates can fail.
    if (role == ColumnRole::Categorical || role == ColumnRole::Text)
        return {};
    Dataset trial;
    trial.addColumn(column);
    try {
        trial.setColumnType(column.name, role == ColumnRole::Numeric ? ColumnType::Numeric : ColumnType::Datetime);
    } catch (const DataError& e) {
        return e.what();
    }
    return {};
}

Dataset applyColumnChoices(const Dataset& data, const std::vector<ColumnChoice>& choices, const std::string& target)
{
    std::vector<ColumnRole> roles(data.columnCount());
    for (std::size_t c = 0; c < data.columnCount(); ++c)
        roles[c] = roleOfType(data.column(c).type);
    for (const ColumnChoice& choice : choices) {
        const int index = data.columnIndex(choice.name);
        if (index < 0)
            throw DataError("column '" + choice.name + "' is not in the table");
        roles[static_cast<std::size_t>(index)] = choice.role;
    }
    if (!target.empty()) {
        const int index = data.columnIndex(target);
        if (index < 0)
            throw DataError("the target column '" + target + "' is not in the table");
        if (roles[static_cast<std::size_t>(index)] == ColumnRole::Ignore)
            throw DataError("the target column '" + target + "' is set to ignore; give it a type or pick another target");
    }
    StringList kept;
    for (std::size_t c = 0; c < data.columnCount(); ++c)
        if (roles[c] != ColumnRole::Ignore)
            kept.push_back(data.column(c).name);
    if (kept.empty())
        throw DataError("every column is set to ignore; keep at least the target and one feature");
    // Built column by column so the table carries exactly the target asked for.
    Dataset result;
    result.name = data.name;
    for (const std::string& name : kept)
        result.addColumn(data.column(name));
    for (std::size_t c = 0; c < data.columnCount(); ++c) {
        const ColumnRole role = roles[c];
        if (role == ColumnRole::Ignore || role == roleOfType(data.column(c).type))
            continue;
        const ColumnType type = role == ColumnRole::Numeric       ? ColumnType::Numeric
                                : role == ColumnRole::Categorical ? ColumnType::Categorical
                                : role == ColumnRole::Text        ? ColumnType::Text
                                                                  : ColumnType::Datetime;
        result.setColumnType(data.column(c).name, type);
    }
    if (!target.empty())
        result.setTarget(target);
    return result;
}

}  // namespace dslab
