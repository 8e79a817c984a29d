#include "ui/workbench/pipeline_node_item.h"

#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace dslab {

namespace {

constexpr double kPortRadius = 6;
constexpr double kPortHit = 12;

QColor statusColor(NodeState state)
{
    switch (state) {
    case NodeState::Valid: return QColor("#2e7d32");
    case NodeState::Warning: return QColor("#e0a000");
    case NodeState::Error: return QColor("#c62828");
    }
    return Qt::gray;
}

QColor headerColor(NodeRole role, PortType out)
{
    switch (role) {
    case NodeRole::Dataset: return QColor("#d6e4ff");
    case NodeRole::Split: return QColor("#ffe9c7");
    case NodeRole::ColumnSelector: return QColor("#d9f2dd");
    case NodeRole::Step: break;
    }
    return out == PortType::Predictions ? QColor("#ffd8c2") : QColor("#ece4ff");
}

}  // namespace

PipelineNodeItem::PipelineNodeItem(const PipelineGraph* graph, int nodeId) : m_graph(graph), m_id(nodeId)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
    refresh({});
}

QColor PipelineNodeItem::portColor(PortType type)
{
    switch (type) {
    case PortType::Table: return QColor("#1565c0");
    case PortType::Numeric: return QColor("#7b1fa2");
    case PortType::Predictions: return QColor("#ef6c00");
    case PortType::None: break;
    }
    return Qt::gray;
}

QRectF PipelineNodeItem::boundingRect() const
{
    return QRectF(-kPortRadius - 2, -kPortRadius - 2, PipelineGraph::kNodeWidth + 2 * kPortRadius + 4,
                  PipelineGraph::kNodeHeight + 2 * kPortRadius + 4);
}

QPointF PipelineNodeItem::inputPortLocal() const
{
    if (m_graph->flowDirection() == FlowDirection::TopToBottom)
        return QPointF(PipelineGraph::kNodeWidth / 2, 0);
    return QPointF(0, PipelineGraph::kNodeHeight / 2);
}

QPointF PipelineNodeItem::outputPortLocal() const
{
    if (m_graph->flowDirection() == FlowDirection::TopToBottom)
        return QPointF(PipelineGraph::kNodeWidth / 2, PipelineGraph::kNodeHeight);
    return QPointF(PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight / 2);
}

QPointF PipelineNodeItem::inputPortPos() const
{
    return mapToScene(inputPortLocal());
}

QPointF PipelineNodeItem::outputPortPos() const
{
    return mapToScene(outputPortLocal());
}

bool PipelineNodeItem::hitsOutputPort(QPointF local) const
{
    if (m_graph->outputPort(m_id) == PortType::None)
        return false;
    const QPointF d = local - outputPortLocal();
    return d.x() * d.x() + d.y() * d.y() <= kPortHit * kPortHit;
}

bool PipelineNodeItem::hitsInputPort(QPointF local) const
{
    if (m_graph->inputPort(m_id) == PortType::None)
        return false;
    const QPointF d = local - inputPortLocal();
    return d.x() * d.x() + d.y() * d.y() <= kPortHit * kPortHit;
}

void PipelineNodeItem::refresh(const QString& leakageReason)
{
    m_leak = leakageReason;
    const NodeStatus s = m_graph->status(m_id);
    QStringList tip;
    tip << QStringLiteral("<b>%1</b>").arg(m_graph->title(m_id).toHtmlEscaped());
    const QString sub = m_graph->subtitle(m_id);
    if (!sub.isEmpty())
        tip << sub.toHtmlEscaped();
    if (!s.reason.isEmpty())
        tip << QStringLiteral("<span style='color:%1'>%2</span>").arg(statusColor(s.state).name(), s.reason.toHtmlEscaped());
    if (!m_leak.isEmpty())
        tip << QStringLiteral("<span style='color:#c62828'>%1</span>").arg(QObject::tr("Leakage: %1").arg(m_leak).toHtmlEscaped());
    if (m_graph->inputPort(m_id) != PortType::None)
        tip << QObject::tr("in: %1").arg(portTypeName(m_graph->inputPort(m_id)));
    if (m_graph->outputPort(m_id) != PortType::None)
        tip << QObject::tr("out: %1%2")
                   .arg(portTypeName(m_graph->outputPort(m_id)))
                   .arg(s.columnsOut.isEmpty() ? QString() : QObject::tr(", %n column(s)", nullptr, static_cast<int>(s.columnsOut.size())));
    setToolTip(tip.join(QStringLiteral("<br>")));
    update();
}

void PipelineNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    (void)option;
    (void)widget;
    const GraphNode* n = m_graph->node(m_id);
    if (!n)
        return;
    const NodeStatus s = m_graph->status(m_id);
    const QRectF body(0, 0, PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    // Card and header strip.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor("#ffffff"));
    painter->drawRoundedRect(body, 7, 7);
    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, body.width(), 24), 7, 7);
    header.addRect(QRectF(0, 12, body.width(), 12));
    painter->fillPath(header.simplified(), headerColor(n->role, s.output));
    // Border: the status colour, thicker when selected.
    QPen border(statusColor(s.state), isSelected() ? 3.5 : 2);
    if (!m_leak.isEmpty())
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(body, 7, 7);
    // Text.
    QFont titleFont = painter->font();
    titleFont.setBold(true);
    painter->setFont(titleFont);
    painter->setPen(QColor("#202020"));
    const QRectF titleRect(8, 2, body.width() - 28, 20);
    const QString title = m_graph->title(m_id);
    // A long type name gets a smaller font before it is cut.
    QFont fitted = titleFont;
    if (QFontMetricsF(fitted).horizontalAdvance(title) > titleRect.width())
        fitted.setPointSizeF(titleFont.pointSizeF() * 0.85);
    painter->setFont(fitted);
    painter->drawText(titleRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetricsF(fitted).elidedText(title, Qt::ElideRight, titleRect.width()));
    QFont small = titleFont;
    small.setBold(false);
    small.setPointSizeF(std::max(6.0, titleFont.pointSizeF() * 0.85));
    painter->setFont(small);
    painter->setPen(QColor("#505050"));
    const QFontMetricsF sm(small);
    QString sub = m_graph->subtitle(m_id);
    if (s.state != NodeState::Valid && !s.reason.isEmpty())
        sub = s.reason;
    const QRectF subRect(10, 26, body.width() - 20, body.height() - 28);
    painter->drawText(subRect, Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                      sm.elidedText(sub, Qt::ElideRight, subRect.width() * 1.7));
    // Status mark.
    const QString mark = s.state == NodeState::Valid ? QStringLiteral("✓") : s.state == NodeState::Warning ? QStringLiteral("!") : QStringLiteral("✕");
    painter->setFont(titleFont);
    painter->setPen(statusColor(s.state));
    painter->drawText(QRectF(body.width() - 24, 2, 20, 20), Qt::AlignCenter, mark);
    // Ports.
    auto port = [&](QPointF c, PortType type) {
        painter->setPen(QPen(QColor("#ffffff"), 1.5));
        painter->setBrush(portColor(type));
        painter->drawEllipse(c, kPortRadius, kPortRadius);
    };
    if (m_graph->inputPort(m_id) != PortType::None)
        port(inputPortLocal(), m_graph->inputPort(m_id));
    if (m_graph->outputPort(m_id) != PortType::None)
        port(outputPortLocal(), m_graph->outputPort(m_id));
}

QVariant PipelineNodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged)
        if (auto* s = qobject_cast<PipelineGraphScene*>(scene()))
            s->updateEdgePaths();
    return QGraphicsItem::itemChange(change, value);
}

}  // namespace dslab
