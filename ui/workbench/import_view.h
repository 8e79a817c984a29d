// The Workbench's first page: open a built-in dataset or any CSV (file
// dialog or drag and drop), see what each column holds (the suggested type,
// missing and distinct counts, samples, problems), change types, pick the
// target, preview the typed rows, and hand the table on with "Use this data".
// Files are read and profiled on a worker thread, so a big CSV never
// freezes the window; a file that is not a table, or a type that cannot
// apply, gets a message naming the line and the column.
#pragma once

#include "engine/data/column_profile.h"
#include "engine/data/dataset.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QThread;

namespace dslab {

class DataPreviewView;

class ImportView : public QWidget {
    Q_OBJECT
public:
    // Columns of the column table.
    enum ColumnField { NameField, TypeField, MissingField, DistinctField, SamplesField, ProblemsField, FieldCount };

    explicit ImportView(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ImportView() override;

    // Start reading on a worker; loaded() or loadFailed() follows.
    void openBuiltin(const QString& name);
    void openCsvFile(const QString& path);
    bool isLoading() const { return !m_loaders.isEmpty(); }

    // The table as typed now (ignored columns still in it); null before a load.
    std::shared_ptr<const Dataset> currentData() const { return m_data; }
    const std::vector<ColumnProfile>& profiles() const { return m_profiles; }
    QString loadError() const;
    QString sourceName() const { return m_sourceName; }

    // The type shown for a column ("numeric", ..., "ignore"), "" if no such column.
    QString columnRole(const QString& column) const;
    // Chooses a type as the combo does: false (and the message shown next to
    // the column, the type kept) when the column cannot take it.
    bool setColumnRole(const QString& column, const QString& role);
    // Why the last type change of this column was refused; "" if it was not.
    QString columnMessage(const QString& column) const;
    // The problems shown for a column, one per line.
    QString columnProblems(const QString& column) const;
    QString target() const;
    bool setTarget(const QString& column);
    // The table "Use this data" would emit; throws DataError as accept() would show it.
    Dataset chosenDataset() const;

    QTableWidget* columnTable() const { return m_columns; }
    // The type combo of a column's row (null if no such column).
    QComboBox* typeCombo(const QString& column) const;
    DataPreviewView* preview() const { return m_preview; }
    QPushButton* useButton() const { return m_use; }

public slots:
    // "Use this data": emits datasetAccepted, or shows why not.
    void accept();
    // The file dialog.
    void chooseCsvFile();

signals:
    void datasetAccepted(std::shared_ptr<const dslab::Dataset> data);
    void loaded(const QString& name);
    void loadFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct LoadResult;
    void startLoad(const QString& displayName, std::function<Dataset()> read);
    void finishLoad(const std::shared_ptr<LoadResult>& result);
    void showLoadError(const QString& message);
    void fillColumnTable();
    void fillTargetChoices(const QString& preferred);
    void onRoleChosen(int row, int comboIndex);
    void showRowProblems(int row);
    void updatePreviewIgnored();
    void scheduleRowResize();
    QComboBox* typeCombo(int row) const;
    void updateSummary();
    int rowOf(const QString& column) const;
    std::vector<ColumnChoice> choices() const;

    QString m_datasetsDir;
    QComboBox* m_builtins = nullptr;
    QPushButton* m_openBuiltin = nullptr;
    QPushButton* m_openFile = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_columns = nullptr;
    DataPreviewView* m_preview = nullptr;
    QComboBox* m_target = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_use = nullptr;

    // Loads in flight; only the newest one's result is shown.
    QList<QThread*> m_loaders;
    int m_loadGeneration = 0;

    std::shared_ptr<Dataset> m_data;
    std::vector<ColumnProfile> m_profiles;
    std::vector<ColumnRole> m_roles;    // per column, as chosen
    QStringList m_messages;             // per column: why the last change was refused
    QString m_sourceName;
    bool m_rowResizePending = false;
};

}  // namespace dslab

Q_DECLARE_METATYPE(std::shared_ptr<const dslab::Dataset>)
