// The categories of one table column as scikit-learn's encoders learn them:
// sorted (numbers by value, text by code point), missing values (NaN or an
// empty cell) counted as a category of their own that sorts last, as
// scikit-learn 1.2 does with np.nan. Shared by the encoders.
#pragma once

#include "engine/core/types.h"
#include "engine/data/column.h"

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dslab {

class Dataset;

struct CategoryTable {
    std::string column;
    bool numeric = false;            // the column was numeric: categories are formatted numbers
    StringList values;               // sorted non-missing categories
    bool hasMissing = false;         // missing was seen in fit: category index values.size()
    std::vector<double> counts;      // training rows per category (missing last when seen)

    static constexpr int kUnknown = -1;
    // Category index of a cell: 0..values.size()-1, values.size() for a
    // missing cell when missing was seen in fit, kUnknown otherwise.
    int code(const Column& c, std::size_t row) const;
    // The category's text as scikit-learn prints it in feature names ("nan" for missing).
    std::string label(std::size_t index) const;
    std::size_t size() const { return values.size() + (hasMissing ? 1 : 0); }

    void buildIndex();
    nlohmann::json toJson() const;
    static CategoryTable fromJson(const nlohmann::json& j);

private:
    std::map<std::string, int> m_index;
};

// The columns the tables were learned from, in order.
StringList columnsOf(const std::vector<CategoryTable>& tables);
// The tables as a JSON array, and back (json exceptions propagate, for the
// caller to report as its own damaged state).
nlohmann::json categoryTablesToJson(const std::vector<CategoryTable>& tables);
std::vector<CategoryTable> categoryTablesFromJson(const nlohmann::json& array);

// Learns the sorted categories of a column and their counts.
CategoryTable learnCategories(const Column& column);
// The cell as a category key: formatted number or text ("" when missing).
std::string categoryKey(const Column& column, std::size_t row);
// The table's column by name; DataError naming the step and the column when absent.
const Column& requireColumn(const Dataset& data, const std::string& name, const std::string& owner);
// The text of a cell for an error message.
std::string cellForMessage(const Column& column, std::size_t row);

}  // namespace dslab
