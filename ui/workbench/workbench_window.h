// The Workbench: palette | pipeline graph | node properties above, and
// below them the Data tab (import a CSV or a built-in table, choose column
// types and the target), the Preview tab (the data after the selected node)
// and the Run tab (fit on a split or cross-validate, metrics, confusion
// matrix, learning curve, importances). A toolbar starts, opens and saves
// pipeline JSON (the file dslab-cli fit reads), exports it as a scikit-learn
// script, undoes and redoes, lays out and fits the graph, and picks a
// built-in dataset and its target. Unsaved changes are kept: closing or
// replacing the graph asks first.
#pragma once

#include <QMainWindow>
#include <memory>
#include <nlohmann/json_fwd.hpp>

class QComboBox;
class QLabel;
class QTabWidget;

namespace dslab {

class ComponentPalette;
class Dataset;
class ImportView;
class StepPreviewPanel;
class WorkbenchRunPanel;
class NodePropertyPanel;
class PipelineGraph;
class PipelineGraphScene;
class PipelineGraphView;

class WorkbenchWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit WorkbenchWindow(const QString& datasetsDir, QWidget* parent = nullptr);
    ~WorkbenchWindow() override;

    PipelineGraph* graph() const { return m_graph; }
    PipelineGraphScene* scene() const { return m_scene; }
    PipelineGraphView* view() const { return m_view; }
    ComponentPalette* palette() const { return m_palette; }
    NodePropertyPanel* propertyPanel() const { return m_panel; }
    ImportView* importView() const { return m_import; }
    StepPreviewPanel* previewPanel() const { return m_preview; }
    WorkbenchRunPanel* runPanel() const { return m_run; }
    QTabWidget* bottomTabs() const { return m_tabs; }

    // The pipeline as dslab-cli fit reads it: {"steps": [...]}.
    nlohmann::json pipelineJson() const;
    QString pipelineJsonText() const;
    QString currentFile() const { return m_file; }
    bool isModified() const;

    // Replaces the graph with a pipeline file. On a damaged or invalid file it
    // returns false, keeps the current graph and errorText() gives the
    // parser's or the engine's message.
    bool openFile(const QString& path);
    // Writes the pipeline JSON (with the Workbench's layout section) atomically.
    bool saveFile(const QString& path);
    QString errorText() const;
    // The last message of the status line (a refused connection, a save).
    QString statusText() const;
    // Unsaved changes: asks Save / Discard / Cancel. True when the caller may go on.
    bool maybeSave();
    // Loads a built-in dataset with its default target (or `target`); false with errorText() on failure.
    bool selectBuiltinDataset(const QString& name, const QString& target = {});
    // Writes the pipeline as a scikit-learn script (engine/pipeline/python_export.h);
    // false with errorText() when a step has no scikit-learn counterpart.
    bool exportPythonFile(const QString& path);
    // Shows the data after a node in the Preview tab (the raw table for the Dataset and Split).
    void previewNode(int id);

public slots:
    // The rows the Dataset node stands for (the import view's table, target set).
    void setDataset(std::shared_ptr<const dslab::Dataset> dataset);
    void newPipeline();
    void open();
    bool save();
    bool saveAs();
    // Fits the current pipeline on the current data in the Run tab.
    void runPipeline();
    void exportPython();

signals:
    // Any edit of the graph or a new dataset.
    void pipelineChanged();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void showStatus(const QString& text);
    void showError(const QString& text);
    void updateTitle();
    void updateProblems();
    void fillTargets();
    // The one way a table reaches the graph, the preview and the run panel.
    void useDataset(std::shared_ptr<const Dataset> data);

    QString m_datasetsDir;
    QString m_file;
    QString m_status;
    std::shared_ptr<const Dataset> m_fullDataset;  // the picked built-in table before the target choice
    PipelineGraph* m_graph = nullptr;
    PipelineGraphScene* m_scene = nullptr;
    PipelineGraphView* m_view = nullptr;
    ComponentPalette* m_palette = nullptr;
    NodePropertyPanel* m_panel = nullptr;
    QComboBox* m_datasetBox = nullptr;
    QComboBox* m_targetBox = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_problems = nullptr;
    QTabWidget* m_tabs = nullptr;
    ImportView* m_import = nullptr;
    StepPreviewPanel* m_preview = nullptr;
    WorkbenchRunPanel* m_run = nullptr;
    int m_previewNode = 0;  // the node shown in the Preview tab, 0 for none
};

}  // namespace dslab
