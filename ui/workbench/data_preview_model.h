// The cells of a table preview: the first rows of a Dataset (typed columns,
// missing cells as a grey em dash) or of a numeric Matrix with column names
// (a pipeline step's output). Only the shown rows are read, so a
// million-row table previews at once.
#pragma once

#include "engine/core/types.h"
#include "engine/data/dataset.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>

#include <memory>

namespace dslab {

class DataPreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kDefaultMaxRows = 200;

    explicit DataPreviewModel(QObject* parent = nullptr);

    // Shows the table's first maxRows rows; the model keeps the table alive.
    void setDataset(std::shared_ptr<const Dataset> data, int maxRows = kDefaultMaxRows);
    // Shows the matrix's first maxRows rows (copied); names label the columns
    // (missing names become x0, x1, ...).
    void setMatrix(const Matrix& values, const QStringList& columnNames, int maxRows = kDefaultMaxRows);
    // Columns the learner chose to leave out: their header says "ignore" and
    // their cells are grey.
    void setIgnoredColumns(const QSet<QString>& names);
    // The column whose header says "target" ("" = none); setDataset takes the table's own.
    void setTargetColumn(const QString& name);
    void clear();

    // The whole table's size (the model shows at most maxRows rows).
    qsizetype totalRows() const { return m_totalRows; }
    qsizetype totalColumns() const { return m_names.size(); }
    QStringList columnNames() const { return m_names; }
    QString columnTypeName(int column) const;  // "numeric", "categorical", ... or "ignore"
    bool isMissing(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cellText(int row, int column) const;

    std::shared_ptr<const Dataset> m_data;
    Matrix m_matrix;  // the shown rows of a matrix preview
    QStringList m_names;
    QString m_target;
    QSet<QString> m_ignored;
    qsizetype m_totalRows = 0;
    int m_shownRows = 0;
};

}  // namespace dslab
