#include "ui/charts/bar_series_view.h"

#include "ui/charts/chart_painting.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

BarSeriesView::BarSeriesView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(220, 150);
}

void BarSeriesView::setGroups(const QStringList& groups)
{
    m_groups = groups;
    update();
}

void BarSeriesView::setTitles(const QString& xTitle, const QString& yTitle)
{
    m_xTitle = xTitle;
    m_yTitle = yTitle;
    update();
}

int BarSeriesView::addSeries(const QString& name, const QVector<double>& values, const QColor& colour, bool asLine)
{
    m_series.push_back({name, values, colour, asLine});
    update();
    return static_cast<int>(m_series.size()) - 1;
}

void BarSeriesView::clear()
{
    m_series.clear();
    m_note.clear();
    update();
}

void BarSeriesView::setYRange(double lo, double hi)
{
    m_fixedY = true;
    m_yLo = lo;
    m_yHi = hi;
    update();
}

void BarSeriesView::clearYRange()
{
    m_fixedY = false;
    update();
}

double BarSeriesView::value(int series, int group) const
{
    if (series < 0 || series >= m_series.size() || group < 0 || group >= m_series[series].values.size())
        return std::nan("");
    return m_series[series].values[group];
}

QString BarSeriesView::seriesName(int series) const
{
    return series >= 0 && series < m_series.size() ? m_series[series].name : QString();
}

bool BarSeriesView::hasData() const
{
    for (const Series& s : m_series)
        for (double v : s.values)
            if (std::isfinite(v))
                return true;
    return false;
}

QString BarSeriesView::toCsv() const
{
    QString out = QStringLiteral("group");
    for (const Series& s : m_series)
        out += ',' + csvField(s.name);
    out += '\n';
    for (int g = 0; g < m_groups.size(); ++g) {
        out += csvField(m_groups[g]);
        for (const Series& s : m_series)
            out += ',' + (g < s.values.size() && std::isfinite(s.values[g]) ? QString::number(s.values[g], 'g', 10) : QString());
        out += '\n';
    }
    return out;
}

void BarSeriesView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    if (m_groups.isEmpty() || !hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("No results yet"));
        return;
    }

    double lo = 0, hi = 0;
    if (m_fixedY) {
        lo = m_yLo;
        hi = m_yHi;
    } else {
        for (const Series& s : m_series)
            for (double v : s.values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
        hi += (hi - lo) * 0.08;  // room for the value labels
        if (hi <= lo)
            hi = lo + 1;
    }

    // Legend on one row above the plot.
    const double swatch = fm.height() * 0.9;
    const double legendH = m_series.size() > 1 || !m_series.isEmpty() ? fm.height() + 4 : 0;
    AxisScale ys{lo, hi, 0, 1};
    const double left = leftAxisWidth(painter, ys, !m_yTitle.isEmpty()) + 4;
    // Group labels: horizontal when they fit, otherwise rotated (up to a third of the height).
    double widest = 0;
    for (const QString& g : m_groups)
        widest = std::max(widest, fm.horizontalAdvance(g));
    const double plotW0 = std::max(30.0, width() - left - 10);
    const double groupW0 = plotW0 / static_cast<double>(m_groups.size());
    const bool rotate = widest + 6 > groupW0;
    const double labelH = rotate ? std::min(height() / 3.0, widest + 6) : fm.height() + 4;
    const double bottom = labelH + (m_xTitle.isEmpty() ? 4 : fm.height() + 6);
    const QRectF plot(left, legendH + 4, plotW0, std::max(30.0, height() - legendH - 4 - bottom));
    ys = AxisScale{lo, hi, plot.bottom(), plot.top()};

    painter.setRenderHint(QPainter::Antialiasing);
    for (double t : ys.ticks(6)) {
        painter.setPen(QPen(ink.grid, 1));
        painter.drawLine(QPointF(plot.left(), ys.map(t)), QPointF(plot.right(), ys.map(t)));
    }
    drawLeftAxis(painter, plot, ys, m_yTitle, ink);
    painter.setPen(QPen(ink.axis, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());

    int barSeries = 0;
    for (const Series& s : m_series)
        barSeries += s.line ? 0 : 1;
    const double groupW = plot.width() / static_cast<double>(m_groups.size());
    const double barW = barSeries > 0 ? groupW * 0.8 / barSeries : 0;
    const double base = ys.map(std::clamp(0.0, lo, hi));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetricsF smallFm(small);
    const bool labels = barW + 4 >= smallFm.horizontalAdvance(QString::number(0.0, 'f', m_decimals));
    int b = 0;
    painter.save();
    painter.setClipRect(plot.adjusted(-1, -fm.height(), 1, 1));
    for (const Series& s : m_series) {
        if (s.line)
            continue;
        for (int g = 0; g < m_groups.size() && g < s.values.size(); ++g) {
            const double v = s.values[g];
            if (!std::isfinite(v))
                continue;
            const double x = plot.left() + g * groupW + groupW * 0.1 + b * barW;
            const double y = ys.map(std::clamp(v, lo, hi));
            const QRectF bar(QPointF(x + 1, std::min(y, base)), QPointF(x + barW - 1, std::max(y, base)));
            painter.fillRect(bar, s.colour);
            if (labels) {
                painter.setPen(ink.text);
                painter.setFont(small);
                painter.drawText(QRectF(x - 2, std::min(y, base) - smallFm.height(), barW + 4, smallFm.height()),
                                 Qt::AlignCenter, QString::number(v, 'f', m_decimals));
                painter.setFont(font());
            }
        }
        ++b;
    }
    const double lineW = std::max(1.8, fm.height() * 0.12);
    for (const Series& s : m_series) {
        if (!s.line)
            continue;
        QPainterPath path;
        bool started = false;
        painter.setPen(QPen(s.colour, lineW));
        painter.setBrush(s.colour);
        for (int g = 0; g < m_groups.size() && g < s.values.size(); ++g) {
            if (!std::isfinite(s.values[g])) {
                started = false;
                continue;
            }
            const QPointF p(plot.left() + (g + 0.5) * groupW, ys.map(std::clamp(s.values[g], lo, hi)));
            started ? path.lineTo(p) : path.moveTo(p);
            started = true;
            painter.drawEllipse(p, lineW * 1.4, lineW * 1.4);
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    painter.restore();

    // Group labels.
    painter.setPen(ink.text);
    // Too many groups for one label each: label every k-th, so the labels stay readable.
    const int every = rotate ? std::max(1, static_cast<int>(std::ceil(fm.height() / groupW))) : 1;
    for (int g = 0; g < m_groups.size(); g += every) {
        const double cx = plot.left() + (g + 0.5) * groupW;
        if (rotate) {
            painter.save();
            painter.translate(cx + fm.height() / 3, plot.bottom() + 3);
            painter.rotate(-90);
            painter.drawText(QRectF(-labelH, -fm.height(), labelH, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                             fm.elidedText(m_groups[g], Qt::ElideRight, labelH - 4));
            painter.restore();
        } else {
            painter.drawText(QRectF(cx - groupW / 2, plot.bottom() + 2, groupW, fm.height()), Qt::AlignCenter, m_groups[g]);
        }
    }
    if (!m_xTitle.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(QRectF(plot.left(), plot.bottom() + labelH, plot.width(), fm.height() + 4), Qt::AlignCenter,
                         m_xTitle);
    }

    // Legend row.
    double lx = plot.left();
    for (const Series& s : m_series) {
        const double w = fm.horizontalAdvance(s.name) + swatch + 14;
        if (lx + w > width())
            break;
        const QRectF sw(lx, 4 + (fm.height() - swatch) / 2, swatch, swatch);
        if (s.line) {
            painter.setPen(QPen(s.colour, lineW));
            painter.drawLine(QPointF(sw.left(), sw.center().y()), QPointF(sw.right(), sw.center().y()));
        } else {
            painter.fillRect(sw, s.colour);
        }
        painter.setPen(ink.text);
        painter.drawText(QRectF(lx + swatch + 4, 4, w - swatch - 4, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, s.name);
        lx += w;
    }
    if (!m_note.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(QRectF(lx + 6, 4, std::max(0.0, width() - lx - 10), fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(m_note, Qt::ElideRight, std::max(0.0, width() - lx - 10)));
    }
}

}  // namespace dslab
