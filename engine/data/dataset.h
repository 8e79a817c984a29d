// A table of typed columns with an optional target column. Models take a
// numeric matrix: featureMatrix() builds it and says which columns need an
// encoder first; targetCodes() encodes class labels as 0..K-1 in sorted
// order (scikit-learn's order, so the positive class of a binary problem is
// the second label).
#pragma once

#include "engine/core/types.h"
#include "engine/data/column.h"

#include <string>
#include <vector>

namespace dslab {

class Dataset {
public:
    std::string name;  // e.g. "iris" or the CSV file name

    // Throws DataError if the length differs from the other columns' or the name is taken.
    void addColumn(Column column);
    std::size_t rowCount() const;
    std::size_t columnCount() const { return m_columns.size(); }
    const std::vector<Column>& columns() const { return m_columns; }
    const Column& column(std::size_t index) const { return m_columns.at(index); }
    // Throws DataError naming the missing column.
    const Column& column(const std::string& name) const;
    Column& mutableColumn(const std::string& name);
    int columnIndex(const std::string& name) const;  // -1 if absent
    bool hasColumn(const std::string& columnName) const { return columnIndex(columnName) >= 0; }
    // Changes a column's type, converting its cells; throws DataError naming
    // the first cell (row) that does not fit, e.g. text in a numeric column.
    void setColumnType(const std::string& name, ColumnType type);

    void setTarget(const std::string& name);  // throws DataError if absent
    const std::string& targetName() const { return m_target; }
    bool hasTarget() const { return !m_target.empty(); }

    // All columns but the target, in file order.
    StringList featureNames() const;
    // Numeric matrix of the named columns (default: all features). Missing
    // numbers stay NaN. Throws DataError naming non-numeric columns and the
    // step that would make them numeric.
    Matrix featureMatrix(const StringList& columns = {}) const;
    // Numeric target for regression; throws DataError if it is not numeric or has missing values.
    Vector targetValues() const;
    // Class codes 0..K-1 for classification; rows with a missing target throw DataError.
    Vector targetCodes() const;
    // The labels behind the codes, in code order.
    StringList classLabels() const;

    Dataset selectRows(const IndexList& rows) const;
    Dataset selectColumns(const StringList& columns) const;

private:
    std::vector<Column> m_columns;
    std::string m_target;
};

}  // namespace dslab
