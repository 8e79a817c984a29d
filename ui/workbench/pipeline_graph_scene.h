// Draws a PipelineGraph and forwards the user's edits to it: drag a node to
// move it (one undoable move on release), drag from an output port to a node
// to connect (a refusal comes back as a message with the graph's reason),
// Delete removes the selected nodes and connections. It holds no pipeline
// state of its own: every change comes back from the graph's graphChanged.
#pragma once

#include <QGraphicsScene>
#include <QHash>
#include <vector>

class QGraphicsLineItem;
class QGraphicsPathItem;

namespace dslab {

class PipelineGraph;
class PipelineNodeItem;

class PipelineGraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit PipelineGraphScene(PipelineGraph* graph, QObject* parent = nullptr);

    PipelineGraph* graph() const { return m_graph; }
    int nodeItemCount() const { return static_cast<int>(m_nodes.size()); }
    int edgeItemCount() const { return static_cast<int>(m_edges.size()); }
    PipelineNodeItem* nodeItem(int id) const { return m_nodes.value(id); }
    std::vector<int> selectedNodeIds() const;
    void selectNode(int id);
    // Removes the selected nodes (but the Dataset) and connections, as one undoable edit.
    void deleteSelection();
    // Redraws the connections while nodes are dragged.
    void updateEdgePaths();

signals:
    // A refusal or a hint for the status line.
    void message(const QString& text);
    // The selected node (0: none or several).
    void nodeSelected(int id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void sync();
    PipelineNodeItem* nodeAt(QPointF scenePos) const;
    void commitMoves();

    PipelineGraph* m_graph;
    QHash<int, PipelineNodeItem*> m_nodes;
    std::vector<QGraphicsPathItem*> m_edges;
    QGraphicsLineItem* m_dragLine = nullptr;
    int m_dragFrom = 0;
    bool m_syncing = false;
};

}  // namespace dslab
