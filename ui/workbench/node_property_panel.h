// The selected node's properties: its status and reason, its output columns,
// its "step__param" address, and a ParamForm generated from the component's
// ParamSpec table. A column selector gets its branch name and a checklist of
// the dataset's columns; the split its test size and seed. Every edit goes
// through the graph, so it lands on the undo stack.
#pragma once

#include <QWidget>
#include <nlohmann/json.hpp>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace dslab {

class ParamForm;
class PipelineGraph;

class NodePropertyPanel : public QWidget {
    Q_OBJECT
public:
    explicit NodePropertyPanel(PipelineGraph* graph, QWidget* parent = nullptr);

    int nodeId() const { return m_id; }
    void setNode(int id);
    ParamForm* form() const { return m_form; }
    QListWidget* columnList() const { return m_columns; }

private:
    void refresh();
    void rebuild();
    void onParamChanged(const QString& name);
    void onColumnsChanged();

    PipelineGraph* m_graph;
    int m_id = 0;
    nlohmann::json m_shown;  // the settings the editors show
    std::string m_shownName;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_output = nullptr;
    QLineEdit* m_name = nullptr;
    QListWidget* m_columns = nullptr;
    ParamForm* m_form = nullptr;
    QPlainTextEdit* m_config = nullptr;
    bool m_building = false;
};

}  // namespace dslab
