#include "ui/charts/complexity_curve_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

ComplexityCurveView::ComplexityCurveView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Error against complexity"));
    setMinimumSize(260, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ComplexityCurveView::setAxisTitles(const QString& x, const QString& y)
{
    m_xTitle = x;
    m_yTitle = y;
    update();
}

void ComplexityCurveView::setCurves(const QVector<double>& x, const QList<Series>& series)
{
    m_x = x;
    m_series = series;
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    bool positive = true;
    for (const Series& s : m_series)
        for (double v : s.values) {
            if (!std::isfinite(v))
                continue;
            positive = positive && v > 0;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    m_log = positive && std::isfinite(lo) && hi / lo > 30;
    update();
}

void ComplexityCurveView::setCurrent(double x)
{
    m_current = x;
    m_hasCurrent = true;
    update();
}

void ComplexityCurveView::setBest(double x, const QString& label)
{
    m_best = x;
    m_bestLabel = std::isfinite(x) ? label : QString();
    update();
}

void ComplexityCurveView::clear()
{
    m_series.clear();
    m_bestLabel.clear();
    update();
}

bool ComplexityCurveView::hasData() const
{
    for (const Series& s : m_series)
        for (double v : s.values)
            if (std::isfinite(v))
                return true;
    return false;
}

QString ComplexityCurveView::toCsv() const
{
    QString csv = csvField(m_xTitle.isEmpty() ? QStringLiteral("x") : m_xTitle);
    for (const Series& s : m_series)
        csv += ',' + csvField(s.name);
    csv += '\n';
    for (int i = 0; i < m_x.size(); ++i) {
        csv += QString::number(m_x[i], 'g', 10);
        for (const Series& s : m_series)
            csv += ',' + (i < s.values.size() && std::isfinite(s.values[i]) ? QString::number(s.values[i], 'g', 10) : QString());
        csv += '\n';
    }
    return csv;
}

void ComplexityCurveView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData() || m_x.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Error against complexity\n(press Train)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    double ylo = std::numeric_limits<double>::infinity(), yhi = -ylo;
    for (const Series& s : m_series)
        for (double v : s.values)
            if (std::isfinite(v) && (!m_log || v > 0)) {
                ylo = std::min(ylo, v);
                yhi = std::max(yhi, v);
            }
    if (m_log) {
        ylo = std::pow(10.0, std::floor(std::log10(ylo) * 4) / 4);
        yhi = std::pow(10.0, std::ceil(std::log10(yhi) * 4) / 4);
    } else {
        ylo = std::min(0.0, ylo);
        yhi = yhi > ylo ? yhi + (yhi - ylo) * 0.06 : ylo + 1;
    }
    const double xlo = *std::min_element(m_x.begin(), m_x.end()), xhi0 = *std::max_element(m_x.begin(), m_x.end());
    const double pad = std::max(0.5, (xhi0 - xlo) * 0.03);
    AxisScale y{ylo, yhi, 0, 1, m_log};
    const double left = leftAxisWidth(painter, y) + 4;
    // Legend rows (wrapped to the width), then a row for the best value's name.
    const double swatchWidth = fm.height() * 1.3;
    QList<QPointF> entryAt;  // x offset, row
    {
        double at = 0, row = 0;
        for (const Series& s : m_series) {
            const double w = swatchWidth + 4 + fm.horizontalAdvance(s.name);
            if (at > 0 && at + w > width() - 50) {
                at = 0;
                row += 1;
            }
            entryAt.append(QPointF(at, row));
            at += w + 12;
        }
    }
    const double legendRows = entryAt.isEmpty() ? 0 : entryAt.back().y() + 1;
    const double top = fm.height() * (0.4 + 1.2 * (legendRows + (m_bestLabel.isEmpty() ? 0 : 1)));
    const double bottom = bottomAxisHeight(painter) + 4;
    const QRectF plot(left, top, std::max(40.0, width() - left - 12), std::max(40.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{xlo - pad, xhi0 + pad, plot.left(), plot.right()};
    drawGrid(painter, plot, x, y, ink);

    if (m_hasCurrent) {
        QColor mark = ink.mutedText;
        mark.setAlphaF(0.8f);
        painter.setPen(QPen(mark, 1.5, Qt::DotLine));
        const double px = x.map(m_current);
        painter.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
    }
    painter.save();
    painter.setClipRect(plot.adjusted(-6, -6, 6, 6));
    const double r = std::max(2.5, fm.height() * 0.18);
    for (const Series& s : m_series) {
        QPainterPath path;
        bool open = false;
        for (int i = 0; i < m_x.size() && i < s.values.size(); ++i) {
            const double v = s.values[i];
            if (!std::isfinite(v) || (m_log && v <= 0)) {
                open = false;
                continue;
            }
            const QPointF q(x.map(m_x[i]), y.map(v));
            open ? path.lineTo(q) : path.moveTo(q);
            open = true;
        }
        painter.setPen(QPen(s.color, 2.2, s.dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        if (!s.dashed) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(s.color);
            for (int i = 0; i < m_x.size() && i < s.values.size(); ++i)
                if (std::isfinite(s.values[i]) && (!m_log || s.values[i] > 0))
                    painter.drawEllipse(QPointF(x.map(m_x[i]), y.map(s.values[i])), r, r);
        }
    }
    painter.restore();
    drawBottomAxis(painter, plot, x, m_xTitle, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, y, m_yTitle + (m_log ? tr(" (log scale)") : QString()), ink);

    // Legend rows above the plot, then the best value's name.
    for (int k = 0; k < m_series.size(); ++k) {
        const Series& s = m_series[k];
        const double at = plot.left() + entryAt[k].x();
        const double cy = fm.height() * (0.2 + 1.2 * entryAt[k].y()) + fm.height() / 2;
        painter.setPen(QPen(s.color, 2.2, s.dashed ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(QPointF(at, cy), QPointF(at + swatchWidth, cy));
        painter.setPen(ink.text);
        painter.drawText(QPointF(at + swatchWidth + 4, cy + fm.ascent() / 2 - 1), s.name);
    }
    if (!m_bestLabel.isEmpty()) {
        // A triangle on the x axis under the best value, named in the second header row.
        const double px = x.map(m_best);
        const double h = fm.height() * 0.45;
        QPolygonF tip;
        tip << QPointF(px, plot.bottom() - h) << QPointF(px - h * 0.6, plot.bottom()) << QPointF(px + h * 0.6, plot.bottom());
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink.text);
        painter.drawPolygon(tip);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(ink.text);
        painter.drawText(QPointF(plot.left(), fm.height() * (0.2 + 1.2 * legendRows) + fm.height() / 2 + fm.ascent() / 2 - 1),
                         m_bestLabel);
        painter.setFont(font());
    }
}

}  // namespace dslab
