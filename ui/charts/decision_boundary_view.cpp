#include "ui/charts/decision_boundary_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

QImage renderBoundaryImage(const std::vector<float>& proba, int gridSize, int classCount)
{
    QImage image(gridSize, gridSize, QImage::Format_RGB32);
    if (classCount <= 0 || proba.size() < static_cast<std::size_t>(gridSize) * gridSize * classCount) {
        image.fill(Qt::white);
        return image;
    }
    std::vector<int> winner(static_cast<std::size_t>(gridSize) * gridSize);
    const float chance = 1.0f / static_cast<float>(classCount);
    for (int gy = 0; gy < gridSize; ++gy) {
        // Grid row 0 is the bottom of the plot; image row 0 is the top.
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(gridSize - 1 - gy));
        for (int gx = 0; gx < gridSize; ++gx) {
            const std::size_t cell = static_cast<std::size_t>(gy) * gridSize + gx;
            const float* p = &proba[cell * classCount];
            int best = 0;
            for (int k = 1; k < classCount; ++k)
                if (p[k] > p[best])
                    best = k;
            winner[cell] = best;
            // Confidence 0 at chance level, 1 when certain: paler means less sure.
            const float confidence = std::clamp((p[best] - chance) / (1.0f - chance), 0.0f, 1.0f);
            const float strength = 0.12f + 0.5f * confidence;
            const QColor c = classColor(best);
            line[gx] = qRgb(static_cast<int>(255 + (c.red() - 255) * strength),
                            static_cast<int>(255 + (c.green() - 255) * strength),
                            static_cast<int>(255 + (c.blue() - 255) * strength));
        }
    }
    // The decision boundary: cells whose right or upper neighbour predicts another class.
    for (int gy = 0; gy < gridSize; ++gy) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(gridSize - 1 - gy));
        for (int gx = 0; gx < gridSize; ++gx) {
            const std::size_t cell = static_cast<std::size_t>(gy) * gridSize + gx;
            const bool edge = (gx + 1 < gridSize && winner[cell + 1] != winner[cell])
                || (gy + 1 < gridSize && winner[cell + gridSize] != winner[cell]);
            if (edge)
                line[gx] = qRgb(60, 60, 60);
        }
    }
    return image;
}

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(240, 240);
    setAccessibleName(tr("Decision boundary"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DecisionBoundaryView::setPoints(const QVector<Point>& points, const QStringList& classNames, const QString& xName,
                                     const QString& yName)
{
    m_points = points;
    m_classNames = classNames;
    m_xName = xName;
    m_yName = yName;
    update();
}

void DecisionBoundaryView::setBounds(const QRectF& bounds)
{
    m_bounds = bounds;
    update();
}

void DecisionBoundaryView::setField(const BoundaryField& field)
{
    m_field = field;
    update();
}

void DecisionBoundaryView::clearField()
{
    m_field = BoundaryField{};
    update();
}

QRectF DecisionBoundaryView::plotRect() const
{
    const int left = 58, bottom = 34, top = 8, right = 20;
    const QRectF area(left, top, width() - left - right, height() - top - bottom);
    const double side = std::max(10.0, std::min(area.width(), area.height()));
    return QRectF(area.left() + (area.width() - side) / 2, area.top(), side, side);
}

QPointF DecisionBoundaryView::toWidget(const QPointF& p, const QRectF& plot) const
{
    const double x = plot.left() + (p.x() - m_bounds.left()) / m_bounds.width() * plot.width();
    const double y = plot.bottom() - (p.y() - m_bounds.top()) / m_bounds.height() * plot.height();
    return {x, y};
}

void DecisionBoundaryView::setMarkers(const QVector<QPointF>& markers)
{
    m_markers = markers;
    update();
}

void DecisionBoundaryView::setExtraPoints(const QVector<QPointF>& points, int label, const QString& legend)
{
    m_extra = points;
    m_extraLabel = label;
    m_extraLegend = legend;
    update();
}

// A diamond: tells added rows apart from the real (round) points at a glance.
static void drawDiamond(QPainter& painter, const QPointF& c, double r)
{
    const QPointF corners[4] = {{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
    painter.drawPolygon(corners, 4);
}

void DecisionBoundaryView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QRectF plot = plotRect();
    if (!m_field.image.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(plot, m_field.image);
    }
    else
        painter.fillRect(plot, QColor(245, 245, 245));
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRect(plot);

    // Added rows first, so the real points they were made from stay visible on top.
    if (!m_extra.isEmpty()) {
        painter.setPen(QPen(QColor(30, 30, 30), 0.9));
        painter.setBrush(classColor(m_extraLabel).lighter(125));
        for (const QPointF& p : m_extra) {
            const QPointF w = toWidget(p, plot);
            if (plot.adjusted(-3, -3, 3, 3).contains(w))
                drawDiamond(painter, w, 3.6);
        }
    }

    for (const auto& pt : m_points) {
        const QPointF w = toWidget(pt.position, plot);
        if (!plot.adjusted(-3, -3, 3, 3).contains(w))
            continue;
        const QColor c = classColor(pt.label);
        if (pt.validation) {
            painter.setPen(QPen(c.darker(130), 1.6));
            painter.setBrush(Qt::white);
        } else {
            painter.setPen(QPen(Qt::white, 0.8));
            painter.setBrush(c);
        }
        painter.drawEllipse(w, 4.0, 4.0);
    }

    // Markers (cluster centres): a numbered white disc with a dark ring, above the points.
    for (int i = 0; i < m_markers.size(); ++i) {
        const QPointF w = toWidget(m_markers[i], plot);
        if (!plot.contains(w))
            continue;
        painter.setPen(QPen(Qt::black, 2.2));
        painter.setBrush(QColor(255, 255, 255, 235));
        painter.drawEllipse(w, 9.0, 9.0);
        painter.setPen(classColor(i).darker(140));
        QFont bold = font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 0.8);
        painter.setFont(bold);
        painter.drawText(QRectF(w.x() - 9, w.y() - 9, 18, 18), Qt::AlignCenter, QString::number(i));
    }
    painter.setFont(font());

    // Axes: three ticks per side and the feature names.
    painter.setPen(palette().color(QPalette::Text));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    painter.setFont(f);
    for (int i = 0; i <= 2; ++i) {
        const double t = i / 2.0;
        const double xv = m_bounds.left() + t * m_bounds.width();
        const double yv = m_bounds.top() + t * m_bounds.height();
        const double xw = plot.left() + t * plot.width();
        const double yw = plot.bottom() - t * plot.height();
        // The end labels stay inside the plot's width, so a narrow chart does not clip them.
        const QRectF xLabel = i == 0 ? QRectF(xw, plot.bottom() + 2, 70, 14)
                              : i == 2 ? QRectF(xw - 70, plot.bottom() + 2, 70, 14)
                                       : QRectF(xw - 35, plot.bottom() + 2, 70, 14);
        const Qt::Alignment xAlign = i == 0 ? Qt::AlignLeft : i == 2 ? Qt::AlignRight : Qt::AlignHCenter;
        painter.drawText(xLabel, xAlign, QString::number(xv, 'g', 3));
        painter.drawText(QRectF(plot.left() - 42, yw - 7, 38, 14), Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(yv, 'g', 3));
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 16, plot.width(), 16), Qt::AlignHCenter, m_xName);
    painter.save();
    painter.translate(plot.left() - 50, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 16), Qt::AlignHCenter, m_yName);
    painter.restore();

    // Legend: class colours, top-left inside the plot.
    double ly = plot.top() + 6;
    for (int k = 0; k < m_classNames.size(); ++k) {
        const QString text = m_classNames[k];
        const double w = painter.fontMetrics().horizontalAdvance(text) + 22;
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 210));
        painter.drawRoundedRect(QRectF(plot.left() + 6, ly - 2, w, 16), 3, 3);
        painter.setBrush(classColor(k));
        painter.drawEllipse(QPointF(plot.left() + 14, ly + 6), 4, 4);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(plot.left() + 22, ly - 2, w, 16), Qt::AlignVCenter, text);
        ly += 18;
    }
    if (!m_extra.isEmpty() && !m_extraLegend.isEmpty()) {
        const double w = painter.fontMetrics().horizontalAdvance(m_extraLegend) + 22;
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 210));
        painter.drawRoundedRect(QRectF(plot.left() + 6, ly - 2, w, 16), 3, 3);
        painter.setPen(QPen(QColor(30, 30, 30), 0.9));
        painter.setBrush(classColor(m_extraLabel).lighter(125));
        drawDiamond(painter, QPointF(plot.left() + 14, ly + 6), 4.5);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(plot.left() + 22, ly - 2, w, 16), Qt::AlignVCenter, m_extraLegend);
    }
}

QString DecisionBoundaryView::toCsv() const
{
    QString out = QStringLiteral("%1,%2,label,split\n").arg(m_xName.isEmpty() ? "x" : m_xName, m_yName.isEmpty() ? "y" : m_yName);
    for (const auto& p : m_points) {
        const QString label = p.label < m_classNames.size() ? m_classNames[p.label] : QString::number(p.label);
        out += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(p.position.x(), 0, 'g', 10)
                   .arg(p.position.y(), 0, 'g', 10)
                   .arg(label, p.validation ? "validation" : "train");
    }
    for (const QPointF& p : m_extra) {
        const QString label = m_extraLabel < m_classNames.size() ? m_classNames[m_extraLabel] : QString::number(m_extraLabel);
        out += QStringLiteral("%1,%2,%3,added\n").arg(p.x(), 0, 'g', 10).arg(p.y(), 0, 'g', 10).arg(label);
    }
    return out;
}

}  // namespace dslab
