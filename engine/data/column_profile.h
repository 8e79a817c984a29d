// What the Workbench's import view says about each column of a table before
// the learner builds a pipeline on it: the role we suggest (a column type, or
// "ignore" for identifiers and columns with nothing to learn from), missing
// and distinct counts, a few sample values and the problems worth knowing
// (constant, mostly missing, high-cardinality categories, numbers stored as
// text). Roles the learner picks are applied with the Dataset's own
// conversions, so a failed conversion names the CSV line and the value.
#pragma once

#include "engine/data/dataset.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dslab {

// A column type plus "leave this column out".
enum class ColumnRole { Numeric, Categorical, Text, Datetime, Ignore };

std::string columnRoleName(ColumnRole role);  // "numeric", ..., "ignore"
std::optional<ColumnRole> columnRoleFromName(std::string_view name);
ColumnRole roleOfType(ColumnType type);
const std::vector<ColumnRole>& allColumnRoles();

enum class ColumnProblemKind {
    AllMissing,       // no value at all
    MostlyMissing,    // more than half the cells missing
    Constant,         // one distinct value: nothing to learn
    Identifier,       // every value different: an id, not a feature
    HighCardinality,  // a categorical column with very many categories
    NumbersAsText,    // mostly numbers, but some cells are not
    SingleColumn,     // the table has one column: wrong delimiter?
};

struct ColumnProblem {
    ColumnProblemKind kind;
    std::string message;  // a sentence for the learner, with the fix
};

struct ColumnProfile {
    std::string name;
    ColumnType storedType = ColumnType::Numeric;  // as the CSV reader inferred it
    ColumnRole suggestedRole = ColumnRole::Numeric;
    std::string reason;  // why the suggestion differs from the stored type ("" when it does not)
    std::size_t rowCount = 0;
    std::size_t missingCount = 0;
    std::size_t distinctCount = 0;             // distinct non-missing values
    std::vector<std::string> samples;          // first distinct values in file order
    std::vector<ColumnProblem> problems;

    bool hasProblem(ColumnProblemKind kind) const;
};

struct ProfileOptions {
    std::size_t sampleCount = 5;
    // A categorical column with more categories than this, and more than
    // half as many categories as values, is "high-cardinality".
    std::size_t highCardinality = 20;
};

// Lines in messages are row + 2, as Dataset's conversion messages count them
// (true for a CSV without blank lines or quoted line breaks).
ColumnProfile profileColumn(const Column& column, const ProfileOptions& options = {});
// One profile per column; adds the single-column problem when it applies.
std::vector<ColumnProfile> profileColumns(const Dataset& data, const ProfileOptions& options = {});

// "" if the column can take `role`, else the conversion's message naming the
// CSV line (header = line 1) and the value that does not fit. Throws
// DataError if there is no such column.
std::string checkColumnRole(const Dataset& data, const std::string& column, ColumnRole role);

struct ColumnChoice {
    std::string name;
    ColumnRole role = ColumnRole::Numeric;
};

// The table the learner asked for: ignored columns dropped, the other
// columns converted to their role's type, the target set ("" = none, whatever `data` had).
// Columns not named in `choices` keep their type. Throws DataError naming the
// column and line that cannot convert, an unknown column, or an ignored target.
Dataset applyColumnChoices(const Dataset& data, const std::vector<ColumnChoice>& choices, const std::string& target);

}  // namespace dslab
