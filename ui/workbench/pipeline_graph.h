// The Workbench's pipeline as a graph of nodes and edges, with no graphics:
// the scene only draws it and forwards edits, so every rule (which connection
// can work, why a node is red, where leakage happens) is tested without a
// window. Nodes are the data source, the train/test split, ColumnTransformer
// branch selectors and catalog components; ports are typed (a table of typed
// columns, a numeric matrix, predictions). The graph converts both ways with
// the pipeline JSON that dslab-cli fit reads, and every edit goes through the
// undo stack it owns.
#pragma once

#include "engine/data/column.h"

#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

class QUndoStack;

namespace dslab {

class Dataset;

// What flows along an edge.
enum class PortType {
    None,         // no port
    Table,        // typed columns (numbers, categories, text, dates), missing cells kept
    Numeric,      // a numeric matrix (every column a number)
    Predictions,  // a fitted model's output: nothing can follow it
};
QString portTypeName(PortType type);

enum class NodeRole {
    Dataset,         // the rows (one per graph), output: Table
    Split,           // train/test split: steps after it are fitted on the training rows only
    ColumnSelector,  // the start of a ColumnTransformer branch: its name and columns
    Step,            // a catalog component (a pipeline step)
};

struct GraphNode {
    int id = 0;
    NodeRole role = NodeRole::Step;
    std::string type;         // catalog type name; "Dataset", "Split", "ColumnSelector" for the others
    std::string name;         // the step's "name" in the JSON, or the branch name of a selector
    nlohmann::json settings = nlohmann::json::object();  // a step's parameters and settings as in the JSON
    QPointF position;         // top-left corner in scene coordinates
    bool operator==(const GraphNode&) const = default;
};

struct GraphEdge {
    int from = 0;  // output port of this node
    int to = 0;    // input port of this node
    bool operator==(const GraphEdge&) const = default;
};

struct GraphState {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;  // edges into a ColumnTransformer keep the branch order
    int nextId = 1;
    bool operator==(const GraphState&) const = default;
};

enum class NodeState { Valid, Warning, Error };

// Which way the data flows on screen: left to right (the Workbench), or top
// to bottom (a lab's narrow, tall panel). Ports sit on the sides that face the flow.
enum class FlowDirection { LeftToRight, TopToBottom };

struct NodeStatus {
    NodeState state = NodeState::Valid;
    QString reason;          // empty when valid
    QStringList columnsOut;  // the node's output columns when known
    PortType output = PortType::None;
};

struct LeakageWarning {
    int nodeId = 0;
    QString reason;
};

class PipelineGraph : public QObject {
    Q_OBJECT
public:
    // Node geometry shared with the scene, so the layout and the drawing agree.
    static constexpr double kNodeWidth = 160;
    static constexpr double kNodeHeight = 56;

    explicit PipelineGraph(QObject* parent = nullptr);
    ~PipelineGraph() override;

    QUndoStack* undoStack() const { return m_undo; }

    // Used by the next layout (automatic layout, opening a pipeline) and by the drawing.
    void setFlowDirection(FlowDirection direction) { m_direction = direction; }
    FlowDirection flowDirection() const { return m_direction; }

    // The rows the Dataset node stands for (target set), or null. Statuses
    // then check columns, types and missing values.
    void setDataset(std::shared_ptr<const Dataset> dataset);
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }

    // --- reading
    const GraphState& state() const { return m_state; }
    const std::vector<GraphNode>& nodes() const { return m_state.nodes; }
    const std::vector<GraphEdge>& edges() const { return m_state.edges; }
    const GraphNode* node(int id) const;
    int datasetNodeId() const;
    int splitNodeId() const;
    PortType inputPort(int id) const;
    PortType outputPort(int id) const;  // the effective type, given what feeds the node
    std::vector<int> inputsOf(int id) const;
    std::vector<int> outputsOf(int id) const;
    NodeStatus status(int id) const;
    // Short title for drawing: the step type, "num: 4 columns", ...
    QString title(int id) const;
    QString subtitle(int id) const;
    // Which step of toPipelineJson()'s "steps" the node belongs to: its own
    // index, or its ColumnTransformer's for a node inside a branch;
    // kBeforeSteps for the Dataset and Split (the raw table), kNotInPipeline
    // for a node off the chain that toPipelineJson() writes.
    static constexpr int kBeforeSteps = -1;
    static constexpr int kNotInPipeline = -2;
    int pipelineStepOf(int id) const;
    // The "step__param" address of a node's parameter, as a grid search names it.
    QString paramAddress(int id, const QString& param) const;

    // --- rules
    // Whether an edge from's output -> to's input can work; reason says why not.
    bool canConnect(int from, int to, QString* reason = nullptr) const;
    // Preprocessing fitted on all rows before the split, resampling outside the pipeline.
    std::vector<LeakageWarning> leakageWarnings() const;

    // --- edits (each one undoable)
    int addNode(const std::string& type, QPointF position = {});
    void removeNodes(const std::vector<int>& ids);
    bool connectNodes(int from, int to, QString* reason = nullptr);
    void disconnectNodes(int from, int to);
    void moveNode(int id, QPointF position);
    // One parameter or setting; a null value removes it (back to the default).
    void setNodeSetting(int id, const std::string& key, const nlohmann::json& value);
    void setNodeName(int id, const std::string& name);
    void autoLayout();
    // Replaces the whole state in one undoable edit (used by the commands and Auto layout).
    void applyEdit(const GraphState& after, const QString& text);

    // --- pipeline JSON
    // {"steps": [...]} as dslab-cli fit reads it; the chain that ends at the
    // model (or the longest chain), ColumnTransformer branches rebuilt from
    // selectors. Nodes off that chain are not written.
    nlohmann::json toPipelineJson() const;
    // The JSON to save: toPipelineJson plus a "workbench" section (where the
    // Split sits) that dslab-cli ignores. Reading it back restores the graph.
    nlohmann::json toDocument() const;
    // Replaces the graph (clears the undo history). Throws dslab::Error with
    // the engine's message when the JSON is not a valid pipeline; the graph is
    // then left as it was.
    void fromPipelineJson(const nlohmann::json& spec);
    // A new graph: the data and the split.
    void clear();

    // Used by the undo command.
    void restoreState(const GraphState& state);

signals:
    // Any change of nodes, edges, positions, settings or the dataset; statuses are fresh.
    void graphChanged();

private:
    GraphNode* mutableNode(GraphState& state, int id) const;
    int addNodeTo(GraphState& state, const std::string& type, QPointF position) const;
    void evaluate();
    void layoutState(GraphState& state) const;
    std::vector<int> mainChain() const;
    nlohmann::json branchTransformer(int ctNode, int edgeIndex, std::string& name, nlohmann::json& columns) const;

    GraphState m_state;
    std::shared_ptr<const Dataset> m_dataset;
    std::vector<NodeStatus> m_status;  // parallel to m_state.nodes
    nlohmann::json m_extraKeys = nlohmann::json::object();  // top-level keys other than "steps", kept
    QUndoStack* m_undo = nullptr;
    FlowDirection m_direction = FlowDirection::LeftToRight;
};

}  // namespace dslab
