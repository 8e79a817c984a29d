#include "ui/workbench/pipeline_graph_view.h"

#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"
#include "ui/workbench/pipeline_node_item.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace dslab {

PipelineGraphView::PipelineGraphView(PipelineGraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setAcceptDrops(true);
    setAccessibleName(tr("pipeline graph"));
    setToolTip(tr("Drag from a node's output port (the dot on its right or bottom edge) to another node to connect; Delete removes the selection; "
                  "wheel or Ctrl +/- zooms, drag the background to pan"));
    setMinimumSize(200, 150);
}

double PipelineGraphView::zoom() const
{
    return transform().m11();
}

void PipelineGraphView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, 0.2, 3.0);
    const double f = target / zoom();
    scale(f, f);
}

void PipelineGraphView::zoomToFit()
{
    QRectF bounds = m_scene->itemsBoundingRect();
    if (bounds.isEmpty())
        return;
    bounds.adjust(-24, -24, 24, 24);
    m_scene->setSceneRect(bounds.adjusted(-400, -300, 400, 300));
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1.0) {
        resetTransform();
        centerOn(bounds.center());
    }
}

void PipelineGraphView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.15, steps));
    event->accept();
}

void PipelineGraphView::keyPressEvent(QKeyEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            zoomBy(1.25);
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            zoomBy(0.8);
            return;
        }
        if (event->key() == Qt::Key_0) {
            zoomToFit();
            return;
        }
    }
    QGraphicsView::keyPressEvent(event);
}

void PipelineGraphView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(kComponentMime))
        event->acceptProposedAction();
    else
        event->ignore();
}

void PipelineGraphView::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(kComponentMime))
        event->acceptProposedAction();
    else
        event->ignore();
}

void PipelineGraphView::dropEvent(QDropEvent* event)
{
    if (!event->mimeData()->hasFormat(kComponentMime)) {
        event->ignore();
        return;
    }
    const QString type = QString::fromUtf8(event->mimeData()->data(kComponentMime));
    const QPointF at = mapToScene(event->position().toPoint())
                       - QPointF(PipelineGraph::kNodeWidth / 2, PipelineGraph::kNodeHeight / 2);
    const int id = m_scene->graph()->addNode(type.toStdString(), at);
    if (id)
        m_scene->selectNode(id);
    event->acceptProposedAction();
}

void PipelineGraphView::drawForeground(QPainter* painter, const QRectF& rect)
{
    (void)rect;
    // A legend of the port colours in the view's corner, unscaled.
    painter->save();
    painter->resetTransform();
    QFont f = font();
    f.setPointSizeF(std::max(7.0, f.pointSizeF() * 0.9));
    painter->setFont(f);
    const QFontMetrics fm(f);
    int x = 8;
    const int y = viewport()->height() - 10;
    for (PortType t : {PortType::Table, PortType::Numeric, PortType::Predictions}) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(PipelineNodeItem::portColor(t));
        painter->drawEllipse(QPointF(x + 5, y - fm.ascent() / 2.0 + 1), 5, 5);
        painter->setPen(QColor("#404040"));
        const QString label = portTypeName(t);
        painter->drawText(x + 14, y, label);
        x += 24 + fm.horizontalAdvance(label);
    }
    painter->restore();
}

}  // namespace dslab
