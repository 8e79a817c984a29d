// A preview of a table: a line with its size ("891 rows x 11 columns,
// showing the first 200") over a table view of a DataPreviewModel. The
// Workbench shows the imported table in it, and the output of any pipeline
// step (a Matrix with column names).
#pragma once

#include "engine/core/types.h"
#include "engine/data/dataset.h"

#include <QSet>
#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QTableView;

namespace dslab {

class DataPreviewModel;

class DataPreviewView : public QWidget {
    Q_OBJECT
public:
    explicit DataPreviewView(QWidget* parent = nullptr);

    // What is shown, e.g. "After StandardScaler"; "" for none.
    void setCaption(const QString& caption);
    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }

    void setDataset(std::shared_ptr<const Dataset> data);
    void setMatrix(const Matrix& values, const QStringList& columnNames);
    void setIgnoredColumns(const QSet<QString>& names);
    void clear();

    DataPreviewModel* model() const { return m_model; }
    QTableView* tableView() const { return m_table; }
    QString summaryText() const;

private:
    void updateSummary();

    DataPreviewModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_summary = nullptr;
    QString m_caption;
    int m_maxRows;
};

}  // namespace dslab
