#include "ui/charts/loss_contour_view.h"

#include "ui/charts/chart_painting.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

QImage renderLossContourImage(const std::vector<double>& loss, int gridSize, double minLoss)
{
    QImage image(std::max(1, gridSize), std::max(1, gridSize), QImage::Format_RGB32);
    image.fill(Qt::white);
    if (gridSize <= 0 || loss.size() < static_cast<std::size_t>(gridSize) * gridSize)
        return image;
    // Band = half-decades of the gap to the minimum, from 1e-4 up.
    std::vector<int> band(loss.size());
    int top = 1;
    for (std::size_t i = 0; i < loss.size(); ++i) {
        const double gap = std::max(loss[i] - minLoss, 1e-4);
        band[i] = std::isfinite(gap) ? static_cast<int>(std::floor(2 * (std::log10(gap) + 4))) : 0;
        top = std::max(top, band[i]);
    }
    for (int gy = 0; gy < gridSize; ++gy) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(gridSize - 1 - gy));
        for (int gx = 0; gx < gridSize; ++gx) {
            const std::size_t cell = static_cast<std::size_t>(gy) * gridSize + gx;
            const QColor c = scoreColor(1.0 - static_cast<double>(band[cell]) / top);
            // Pale, so the path on top stays readable.
            line[gx] = qRgb(255 + (c.red() - 255) * 55 / 100, 255 + (c.green() - 255) * 55 / 100, 255 + (c.blue() - 255) * 55 / 100);
            const bool edge = (gx + 1 < gridSize && band[cell + 1] != band[cell])
                              || (gy + 1 < gridSize && band[cell + static_cast<std::size_t>(gridSize)] != band[cell]);
            if (edge)
                line[gx] = qRgb(70, 70, 90);
        }
    }
    return image;
}

LossContourView::LossContourView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(200, 200);
}

void LossContourView::setSurface(const QImage& image, const QRectF& bounds)
{
    m_image = image;
    m_bounds = bounds;
    update();
}

void LossContourView::setPath(const QVector<QPointF>& path)
{
    m_path = path;
    update();
}

void LossContourView::setOptimum(const QPointF& optimum)
{
    m_optimum = optimum;
    m_hasOptimum = true;
    update();
}

void LossContourView::setAxisNames(const QString& xName, const QString& yName)
{
    m_xName = xName;
    m_yName = yName;
    update();
}

void LossContourView::setNote(const QString& note)
{
    m_note = note;
    update();
}

void LossContourView::clear()
{
    m_image = QImage();
    m_path.clear();
    m_hasOptimum = false;
    m_note.clear();
    update();
}

QString LossContourView::toCsv() const
{
    QString out = QStringLiteral("step,%1,%2\n").arg(csvField(m_xName), csvField(m_yName));
    for (int i = 0; i < m_path.size(); ++i)
        out += QStringLiteral("%1,%2,%3\n").arg(i).arg(m_path[i].x(), 0, 'g', 10).arg(m_path[i].y(), 0, 'g', 10);
    return out;
}

void LossContourView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    AxisScale ys{m_bounds.top(), m_bounds.bottom(), 0, 1};
    const double left = leftAxisWidth(painter, ys, true) + 4;
    const double bottom = bottomAxisHeight(painter, true);
    const QRectF area(left, 6, std::max(20.0, width() - left - 10), std::max(20.0, height() - 6 - bottom));
    const double side = std::min(area.width(), area.height());
    const QRectF plot(area.left() + (area.width() - side) / 2, area.top(), side, side);
    const AxisScale xs{m_bounds.left(), m_bounds.right(), plot.left(), plot.right()};
    ys = AxisScale{m_bounds.top(), m_bounds.bottom(), plot.bottom(), plot.top()};

    if (!m_image.isNull())
        painter.drawImage(plot, m_image);
    painter.setPen(QPen(ink.axis, 1));
    painter.drawRect(plot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.save();
    painter.setClipRect(plot);
    auto map = [&](const QPointF& p) { return QPointF(xs.map(p.x()), ys.map(p.y())); };
    if (m_path.size() >= 2) {
        QPainterPath line;
        line.moveTo(map(m_path[0]));
        for (int i = 1; i < m_path.size(); ++i)
            line.lineTo(map(m_path[i]));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(255, 255, 255, 200), 3.2));
        painter.drawPath(line);
        painter.setPen(QPen(QColor(200, 30, 40), 1.5));
        painter.drawPath(line);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(200, 30, 40));
        for (const QPointF& p : m_path)
            painter.drawEllipse(map(p), 1.8, 1.8);
    }
    if (!m_path.isEmpty()) {
        painter.setPen(QPen(Qt::black, 1.2));
        painter.setBrush(Qt::white);
        painter.drawEllipse(map(m_path.first()), 4.5, 4.5);  // start
    }
    if (m_hasOptimum) {
        const QPointF o = map(m_optimum);
        painter.setPen(QPen(Qt::black, 2.4));
        painter.drawLine(o + QPointF(-6, -6), o + QPointF(6, 6));
        painter.drawLine(o + QPointF(-6, 6), o + QPointF(6, -6));
    }
    painter.restore();
    if (!m_note.isEmpty()) {
        const QStringList lines = m_note.split('\n');
        double w = 0;
        for (const QString& line : lines)
            w = std::max(w, fm.horizontalAdvance(line) + 10);
        w = std::min(plot.width() - 8, w);
        QColor back = ink.background;
        back.setAlphaF(0.85f);
        const QRectF box(plot.left() + 4, plot.top() + 4, w, fm.height() * lines.size() + 4);
        painter.fillRect(box, back);
        painter.setPen(ink.text);
        for (int i = 0; i < lines.size(); ++i)
            painter.drawText(QRectF(box.left() + 5, box.top() + 2 + fm.height() * i, w - 10, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                             fm.elidedText(lines[i], Qt::ElideRight, w - 10));
    }
    drawBottomAxis(painter, plot, xs, m_xName, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, ys, m_yName, ink);
}

}  // namespace dslab
