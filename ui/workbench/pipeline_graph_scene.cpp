#include "ui/workbench/pipeline_graph_scene.h"

#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_node_item.h"

#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPainterPath>
#include <QPen>
#include <set>

namespace dslab {

namespace {

constexpr int kEdgeFrom = 0;
constexpr int kEdgeTo = 1;

QPainterPath edgePath(QPointF a, QPointF b, bool down)
{
    QPainterPath path(a);
    if (down) {
        const double dy = std::max(30.0, std::abs(b.y() - a.y()) / 2);
        path.cubicTo(a + QPointF(0, dy), b - QPointF(0, dy), b);
    } else {
        const double dx = std::max(40.0, std::abs(b.x() - a.x()) / 2);
        path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    }
    return path;
}

}  // namespace

PipelineGraphScene::PipelineGraphScene(PipelineGraph* graph, QObject* parent) : QGraphicsScene(parent), m_graph(graph)
{
    setBackgroundBrush(QColor("#f7f8fa"));
    connect(m_graph, &PipelineGraph::graphChanged, this, &PipelineGraphScene::sync);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_syncing)
            return;
        updateEdgePaths();
        const auto ids = selectedNodeIds();
        emit nodeSelected(ids.size() == 1 ? ids.front() : 0);
    });
    sync();
}

std::vector<int> PipelineGraphScene::selectedNodeIds() const
{
    std::vector<int> ids;
    for (QGraphicsItem* item : selectedItems())
        if (auto* n = dynamic_cast<PipelineNodeItem*>(item))
            ids.push_back(n->nodeId());
    return ids;
}

void PipelineGraphScene::selectNode(int id)
{
    clearSelection();
    if (PipelineNodeItem* item = m_nodes.value(id))
        item->setSelected(true);
}

void PipelineGraphScene::sync()
{
    m_syncing = true;
    const auto selectedBefore = selectedNodeIds();
    // Nodes: keep the items of nodes that still exist (one may be under the mouse).
    std::set<int> alive;
    for (const auto& n : m_graph->nodes())
        alive.insert(n.id);
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (!alive.count(it.key())) {
            delete it.value();
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
    std::map<int, QString> leaks;
    for (const auto& w : m_graph->leakageWarnings())
        leaks[w.nodeId] = w.reason;
    for (const auto& n : m_graph->nodes()) {
        PipelineNodeItem* item = m_nodes.value(n.id);
        if (!item) {
            item = new PipelineNodeItem(m_graph, n.id);
            addItem(item);
            m_nodes.insert(n.id, item);
        }
        if (item->pos() != n.position)
            item->setPos(n.position);
        item->refresh(leaks.count(n.id) ? leaks[n.id] : QString());
    }
    // Edges: rebuilt, they are cheap.
    for (QGraphicsPathItem* e : m_edges)
        delete e;
    m_edges.clear();
    for (const auto& e : m_graph->edges()) {
        auto* path = new QGraphicsPathItem;
        path->setData(kEdgeFrom, e.from);
        path->setData(kEdgeTo, e.to);
        path->setPen(QPen(PipelineNodeItem::portColor(m_graph->outputPort(e.from)), 2.2));
        path->setFlag(QGraphicsItem::ItemIsSelectable);
        path->setZValue(0);
        path->setToolTip(tr("%1 → %2 (%3); select and press Delete to disconnect")
                             .arg(m_graph->title(e.from), m_graph->title(e.to), portTypeName(m_graph->outputPort(e.from))));
        addItem(path);
        m_edges.push_back(path);
    }
    updateEdgePaths();
    for (int id : selectedBefore)
        if (PipelineNodeItem* item = m_nodes.value(id))
            item->setSelected(true);
    m_syncing = false;
    const auto ids = selectedNodeIds();
    emit nodeSelected(ids.size() == 1 ? ids.front() : 0);
}

void PipelineGraphScene::updateEdgePaths()
{
    for (QGraphicsPathItem* e : m_edges) {
        PipelineNodeItem* a = m_nodes.value(e->data(kEdgeFrom).toInt());
        PipelineNodeItem* b = m_nodes.value(e->data(kEdgeTo).toInt());
        if (a && b) {
            QPainterPath p = edgePath(a->outputPortPos(), b->inputPortPos(), m_graph->flowDirection() == FlowDirection::TopToBottom);
            e->setPath(p);
            // Selected edges show thicker.
            QPen pen = e->pen();
            pen.setWidthF(e->isSelected() ? 4.0 : 2.2);
            e->setPen(pen);
        }
    }
}

PipelineNodeItem* PipelineGraphScene::nodeAt(QPointF scenePos) const
{
    for (QGraphicsItem* item : items(scenePos))
        if (auto* n = dynamic_cast<PipelineNodeItem*>(item))
            return n;
    // Near an input port (just outside the card).
    for (PipelineNodeItem* n : m_nodes)
        if (n->hitsInputPort(n->mapFromScene(scenePos)))
            return n;
    return nullptr;
}

void PipelineGraphScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        if (PipelineNodeItem* n = nodeAt(event->scenePos()); n && n->hitsOutputPort(n->mapFromScene(event->scenePos()))) {
            m_dragFrom = n->nodeId();
            m_dragLine = new QGraphicsLineItem(QLineF(n->outputPortPos(), event->scenePos()));
            m_dragLine->setPen(QPen(QColor("#555555"), 2, Qt::DashLine));
            m_dragLine->setZValue(3);
            addItem(m_dragLine);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void PipelineGraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_dragLine) {
        QLineF line = m_dragLine->line();
        line.setP2(event->scenePos());
        m_dragLine->setLine(line);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void PipelineGraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (m_dragLine) {
        delete m_dragLine;
        m_dragLine = nullptr;
        const int from = m_dragFrom;
        m_dragFrom = 0;
        PipelineNodeItem* target = nodeAt(event->scenePos());
        event->accept();
        if (!target || target->nodeId() == from) {
            emit message(tr("Drop the connection on the node that should take this output."));
            return;
        }
        QString reason;
        if (m_graph->connectNodes(from, target->nodeId(), &reason))
            emit message(tr("Connected %1 to %2.").arg(m_graph->title(from), m_graph->title(target->nodeId())));
        else
            emit message(tr("Cannot connect: %1").arg(reason));
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    commitMoves();
}

void PipelineGraphScene::commitMoves()
{
    GraphState after = m_graph->state();
    bool moved = false;
    for (auto& n : after.nodes)
        if (PipelineNodeItem* item = m_nodes.value(n.id); item && item->pos() != n.position) {
            n.position = item->pos();
            moved = true;
        }
    if (moved)
        m_graph->applyEdit(after, tr("Move"));
}

void PipelineGraphScene::deleteSelection()
{
    GraphState after = m_graph->state();
    std::set<int> gone;
    for (int id : selectedNodeIds())
        if (id != m_graph->datasetNodeId())
            gone.insert(id);
    std::set<std::pair<int, int>> cut;
    for (QGraphicsPathItem* e : m_edges)
        if (e->isSelected())
            cut.insert({e->data(kEdgeFrom).toInt(), e->data(kEdgeTo).toInt()});
    if (gone.empty() && cut.empty())
        return;
    std::erase_if(after.nodes, [&](const GraphNode& n) { return gone.count(n.id) > 0; });
    std::erase_if(after.edges, [&](const GraphEdge& e) {
        return gone.count(e.from) || gone.count(e.to) || cut.count({e.from, e.to});
    });
    m_graph->applyEdit(after, tr("Delete"));
}

void PipelineGraphScene::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        deleteSelection();
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

}  // namespace dslab
