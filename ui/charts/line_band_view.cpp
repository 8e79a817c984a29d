#include "ui/charts/line_band_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

LineBandView::LineBandView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(260, 150);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

int LineBandView::addSeries(const QString& name, const QColor& colour, bool dashed)
{
    Series s;
    s.name = name;
    s.colour = colour;
    s.dashed = dashed;
    m_series.push_back(s);
    update();
    return static_cast<int>(m_series.size()) - 1;
}

void LineBandView::append(int series, double x, double y)
{
    if (series < 0 || series >= m_series.size() || !std::isfinite(x) || !std::isfinite(y))
        return;
    Series& s = m_series[series];
    s.points.push_back(QPointF(x, y));
    if (!s.low.isEmpty()) {  // keep the band aligned: no spread known for this point
        s.low.push_back(y);
        s.high.push_back(y);
    }
    update();
}

void LineBandView::append(int series, double x, double y, double low, double high)
{
    if (series < 0 || series >= m_series.size() || !std::isfinite(x) || !std::isfinite(y))
        return;
    Series& s = m_series[series];
    if (s.low.isEmpty() && !s.points.isEmpty())
        for (const QPointF& p : s.points) {
            s.low.push_back(p.y());
            s.high.push_back(p.y());
        }
    s.points.push_back(QPointF(x, y));
    s.low.push_back(std::isfinite(low) ? low : y);
    s.high.push_back(std::isfinite(high) ? high : y);
    update();
}

void LineBandView::clear()
{
    m_series.clear();
    m_markers.clear();
    update();
}

void LineBandView::setTitles(const QString& xTitle, const QString& yTitle)
{
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

void LineBandView::setLogX(bool log)
{
    m_logX = log;
    update();
}

void LineBandView::setXRange(double lo, double hi)
{
    m_fixedX = true;
    m_x0 = std::min(lo, hi);
    m_x1 = std::max(lo, hi);
    update();
}

void LineBandView::setYRange(double lo, double hi)
{
    m_fixedY = true;
    m_y0 = lo;
    m_y1 = hi;
    update();
}

void LineBandView::clearYRange()
{
    m_fixedY = false;
    update();
}

void LineBandView::setMarker(const QString& key, double x, const QString& label, const QColor& colour)
{
    for (Marker& m : m_markers)
        if (m.key == key) {
            m.x = x;
            m.label = label;
            m.colour = colour;
            update();
            return;
        }
    m_markers.push_back({key, label, x, colour});
    update();
}

void LineBandView::removeMarker(const QString& key)
{
    m_markers.erase(std::remove_if(m_markers.begin(), m_markers.end(), [&](const Marker& m) { return m.key == key; }),
                    m_markers.end());
    update();
}

bool LineBandView::hasMarker(const QString& key) const
{
    return std::any_of(m_markers.begin(), m_markers.end(), [&](const Marker& m) { return m.key == key; });
}

double LineBandView::markerX(const QString& key) const
{
    for (const Marker& m : m_markers)
        if (m.key == key)
            return m.x;
    return std::nan("");
}

int LineBandView::pointCount(int series) const
{
    return series >= 0 && series < m_series.size() ? static_cast<int>(m_series[series].points.size()) : 0;
}

QPointF LineBandView::point(int series, int index) const
{
    return m_series.at(series).points.at(index);
}

QString LineBandView::seriesName(int series) const
{
    return series >= 0 && series < m_series.size() ? m_series[series].name : QString();
}

bool LineBandView::hasData() const
{
    return std::any_of(m_series.begin(), m_series.end(), [](const Series& s) { return !s.points.isEmpty(); });
}

void LineBandView::dataRange(double& x0, double& x1, double& y0, double& y1) const
{
    bool first = true;
    for (const Series& s : m_series)
        for (int i = 0; i < s.points.size(); ++i) {
            const double lo = s.low.isEmpty() ? s.points[i].y() : s.low[i];
            const double hi = s.high.isEmpty() ? s.points[i].y() : s.high[i];
            if (first) {
                x0 = x1 = s.points[i].x();
                y0 = lo;
                y1 = hi;
                first = false;
            }
            x0 = std::min(x0, s.points[i].x());
            x1 = std::max(x1, s.points[i].x());
            y0 = std::min({y0, lo, s.points[i].y()});
            y1 = std::max({y1, hi, s.points[i].y()});
        }
    if (first) {
        x0 = m_logX ? 0.1 : 0;
        x1 = m_logX ? 10 : 1;
        y0 = 0;
        y1 = 1;
    }
    if (m_fixedX) {
        x0 = m_x0;
        x1 = m_x1;
    }
    if (m_fixedY) {
        y0 = m_y0;
        y1 = m_y1;
    } else {
        const double pad = std::max(1e-9, (y1 - y0) * 0.06);
        y0 -= pad;
        y1 += pad;
    }
    if (x1 - x0 < 1e-12)
        x1 = x0 + (m_logX ? x0 : 1.0);
    if (m_logX && x0 <= 0)
        x0 = x1 > 0 ? x1 * 1e-3 : 1e-3;
}

void LineBandView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    double x0, x1, y0, y1;
    dataRange(x0, x1, y0, y1);

    // Legend beside the plot, at most a third of the width.
    const int shown = std::min(static_cast<int>(m_series.size()), m_legendLimit);
    double legendW = 0;
    for (int i = 0; i < shown; ++i)
        legendW = std::max(legendW, fm.horizontalAdvance(m_series[i].name));
    const double swatch = fm.height() * 1.2;
    legendW = m_series.isEmpty() ? 0 : std::min(width() / 3.0, legendW + swatch + 14);
    legendW = std::max(legendW, std::min(width() / 3.0, m_minRight));

    AxisScale ys{y0, y1, 0, 1};
    const double left = std::max(m_minLeft, leftAxisWidth(painter, ys, !m_yTitle.isEmpty()) + 4);
    const double bottom = bottomAxisHeight(painter, !m_xTitle.isEmpty());
    const double top = fm.height() * 0.6;
    const QRectF plot(left, top, std::max(30.0, width() - left - legendW - 12), std::max(30.0, height() - top - bottom));
    const AxisScale xs{x0, x1, plot.left(), plot.right(), m_logX};
    ys = AxisScale{y0, y1, plot.bottom(), plot.top()};

    painter.setRenderHint(QPainter::Antialiasing);
    drawGrid(painter, plot, xs, ys, ink);
    painter.setPen(QPen(ink.axis, 1));
    painter.drawRect(plot);
    painter.save();
    painter.setClipRect(plot.adjusted(-1, -1, 1, 1));

    auto mapPoint = [&](double x, double y) { return QPointF(xs.map(x), ys.map(y)); };
    for (const Series& s : m_series) {
        if (s.low.size() == s.points.size() && s.points.size() >= 2) {
            QPainterPath band;
            band.moveTo(mapPoint(s.points[0].x(), s.high[0]));
            for (int i = 1; i < s.points.size(); ++i)
                band.lineTo(mapPoint(s.points[i].x(), s.high[i]));
            for (int i = static_cast<int>(s.points.size()) - 1; i >= 0; --i)
                band.lineTo(mapPoint(s.points[i].x(), s.low[i]));
            band.closeSubpath();
            QColor fill = s.colour;
            fill.setAlphaF(0.18f);
            painter.fillPath(band, fill);
        }
    }
    const double lineW = std::max(1.8, fm.height() * 0.12);
    for (const Series& s : m_series) {
        if (s.points.isEmpty())
            continue;
        QPainterPath path;
        path.moveTo(mapPoint(s.points[0].x(), s.points[0].y()));
        for (int i = 1; i < s.points.size(); ++i)
            path.lineTo(mapPoint(s.points[i].x(), s.points[i].y()));
        painter.setPen(QPen(s.colour, lineW, s.dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        if (s.points.size() <= 30) {  // few points: show where they were measured
            painter.setBrush(s.colour);
            painter.setPen(Qt::NoPen);
            for (const QPointF& p : s.points)
                painter.drawEllipse(mapPoint(p.x(), p.y()), lineW * 1.3, lineW * 1.3);
        }
    }
    painter.restore();

    // Markers: a vertical line with its label at the top, inside the plot.
    double labelRow = plot.top() + 2;
    for (const Marker& m : m_markers) {
        if (!std::isfinite(m.x) || m.x < x0 || m.x > x1)
            continue;
        const double px = xs.map(m.x);
        painter.setPen(QPen(m.colour, 1.6, Qt::DashLine));
        painter.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        if (!m.label.isEmpty()) {
            const double w = fm.horizontalAdvance(m.label) + 8;
            QRectF box(px + 4, labelRow, w, fm.height());
            if (box.right() > plot.right())
                box.moveRight(px - 4);
            QColor back = ink.background;
            back.setAlphaF(0.85f);
            painter.fillRect(box, back);
            painter.setPen(m.colour);
            painter.drawText(box, Qt::AlignCenter, m.label);
            labelRow += fm.height() + 2;
        }
    }

    drawBottomAxis(painter, plot, xs, m_xTitle, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, ys, m_yTitle, ink);

    // Legend.
    double ly = plot.top();
    const double lx = plot.right() + 10;
    for (int i = 0; i < shown; ++i) {
        if (ly + fm.height() > height())
            break;
        const Series& s = m_series[i];
        const double cy = ly + fm.height() / 2;
        painter.setPen(QPen(s.colour, lineW, s.dashed ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(QPointF(lx, cy), QPointF(lx + swatch, cy));
        painter.setPen(ink.text);
        painter.drawText(QRectF(lx + swatch + 4, ly, legendW - swatch - 6, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(s.name, Qt::ElideRight, legendW - swatch - 6));
        ly += fm.height();
    }
    if (m_series.size() > shown && ly + fm.height() <= height()) {
        painter.setPen(ink.mutedText);
        painter.drawText(QRectF(lx, ly, legendW, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("+%1 more").arg(m_series.size() - shown));
    }
}

QString LineBandView::toCsv() const
{
    QString out = QStringLiteral("series,x,y,low,high\n");
    for (const Series& s : m_series)
        for (int i = 0; i < s.points.size(); ++i) {
            const bool band = s.low.size() == s.points.size();
            out += csvField(s.name) + ',' + QString::number(s.points[i].x(), 'g', 10) + ','
                + QString::number(s.points[i].y(), 'g', 10) + ','
                + (band ? QString::number(s.low[i], 'g', 10) : QString()) + ','
                + (band ? QString::number(s.high[i], 'g', 10) : QString()) + '\n';
        }
    return out;
}

}  // namespace dslab
