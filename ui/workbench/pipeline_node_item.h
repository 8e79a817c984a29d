// One node of the pipeline graph as the scene draws it: a card with the
// step's name and key settings, a border in its status colour (valid,
// warning, error), an input port on the left and an output port on the right
// coloured by what flows through them, and the status reason as tooltip.
// It reads everything from the graph; moving it is committed by the scene.
#pragma once

#include <QGraphicsItem>
#include <QString>

namespace dslab {

class PipelineGraph;
enum class PortType;

class PipelineNodeItem : public QGraphicsItem {
public:
    PipelineNodeItem(const PipelineGraph* graph, int nodeId);

    int nodeId() const { return m_id; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Scene coordinates of the port centres, where edges attach.
    QPointF inputPortPos() const;
    QPointF outputPortPos() const;
    // Whether a point (item coordinates) is on a port.
    bool hitsOutputPort(QPointF local) const;
    bool hitsInputPort(QPointF local) const;
    // Refreshes the tooltip and repaints after the graph changed.
    void refresh(const QString& leakageReason);

    static QColor portColor(PortType type);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    QPointF inputPortLocal() const;
    QPointF outputPortLocal() const;

    const PipelineGraph* m_graph;
    int m_id;
    QString m_leak;
};

}  // namespace dslab
