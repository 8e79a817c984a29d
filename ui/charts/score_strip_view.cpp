#include "ui/charts/score_strip_view.h"

#include "ui/charts/chart_painting.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

double meanOf(const QVector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.isEmpty() ? std::nan("") : s / static_cast<double>(v.size());
}

double stdOf(const QVector<double>& v)
{
    const double m = meanOf(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return v.isEmpty() ? std::nan("") : std::sqrt(s / static_cast<double>(v.size()));
}

}  // namespace

ScoreStripView::ScoreStripView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(220, 160);
}

void ScoreStripView::setGroups(const QList<Group>& groups)
{
    m_groups = groups;
    update();
}

void ScoreStripView::clear()
{
    m_groups.clear();
    update();
}

void ScoreStripView::setHighlighted(int group)
{
    m_highlighted = group;
    update();
}

void ScoreStripView::setReference(double y, const QString& label)
{
    m_hasReference = std::isfinite(y);
    m_reference = y;
    m_referenceLabel = label;
    update();
}

void ScoreStripView::setYRange(double lo, double hi)
{
    m_yLo = lo;
    m_yHi = hi;
    update();
}

void ScoreStripView::setYTitle(const QString& title)
{
    m_yTitle = title;
    update();
}

void ScoreStripView::setXTitle(const QString& title)
{
    m_xTitle = title;
    update();
}

bool ScoreStripView::hasData() const
{
    for (const Group& g : m_groups)
        if (!g.values.isEmpty())
            return true;
    return false;
}

QString ScoreStripView::toCsv() const
{
    QString out = QStringLiteral("group,index,score\n");
    for (const Group& g : m_groups)
        for (int i = 0; i < g.values.size(); ++i)
            out += QStringLiteral("%1,%2,%3\n").arg(csvField(g.label)).arg(i + 1).arg(g.values[i], 0, 'g', 10);
    return out;
}

void ScoreStripView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());

    double lo = m_yLo, hi = m_yHi;
    for (const Group& g : m_groups)
        for (double v : g.values)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    AxisScale ys{lo, hi, 0, 1};
    const double left = leftAxisWidth(painter, ys, !m_yTitle.isEmpty()) + 4;
    // Group labels under the plot, then the x title.
    const double bottom = fm.height() * (m_xTitle.isEmpty() ? 1.6 : 2.8);
    const double top = fm.height() * 1.5;  // room for the mean labels of groups near the top
    const QRectF plot(left, top, std::max(30.0, width() - left - 10), std::max(30.0, height() - top - bottom));
    ys = AxisScale{lo, hi, plot.bottom(), plot.top()};

    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    for (double t : ys.ticks(6)) {
        painter.setPen(QPen(ink.grid, 1));
        painter.drawLine(QPointF(plot.left(), ys.map(t)), QPointF(plot.right(), ys.map(t)));
    }
    painter.setPen(QPen(ink.axis, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    drawLeftAxis(painter, plot, ys, m_yTitle, ink);

    const int n = static_cast<int>(m_groups.size());
    const double slot = n > 0 ? plot.width() / n : plot.width();
    const double dot = std::clamp(slot * 0.06, 2.5, fm.height() * 0.3);
    for (int gi = 0; gi < n; ++gi) {
        const Group& g = m_groups[gi];
        QColor colour = g.colour.isValid() ? g.colour : classColor(gi);
        const bool muted = m_highlighted >= 0 && gi != m_highlighted;
        if (muted)
            colour.setAlphaF(0.45f);
        const double cx = plot.left() + slot * (gi + 0.5);
        const double spread = slot * 0.28;
        // Dots: a deterministic sideways spread by rank within equal-ish values.
        painter.setPen(Qt::NoPen);
        QColor fill = colour;
        fill.setAlphaF(muted ? 0.35f : 0.7f);
        painter.setBrush(fill);
        for (int i = 0; i < g.values.size(); ++i) {
            if (!std::isfinite(g.values[i]))
                continue;
            const double offset = g.values.size() > 1 ? (static_cast<double>(i) / (g.values.size() - 1) - 0.5) * 2 * spread : 0;
            painter.drawEllipse(QPointF(cx + offset, ys.map(g.values[i])), dot, dot);
        }
        const double m = meanOf(g.values), s = stdOf(g.values);
        if (std::isfinite(m)) {
            const double half = slot * 0.36;
            painter.setPen(QPen(colour, std::max(2.5, fm.height() * 0.18), Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(cx - half, ys.map(m)), QPointF(cx + half, ys.map(m)));
            if (g.values.size() > 1) {
                painter.setPen(QPen(colour, 1.6));
                const double yTop = ys.map(m + s), yBottom = ys.map(m - s);
                painter.drawLine(QPointF(cx, yTop), QPointF(cx, yBottom));
                painter.drawLine(QPointF(cx - half * 0.3, yTop), QPointF(cx + half * 0.3, yTop));
                painter.drawLine(QPointF(cx - half * 0.3, yBottom), QPointF(cx + half * 0.3, yBottom));
            }
            const QString text = g.values.size() > 1 && slot > fm.horizontalAdvance("0.00 ± 0.00") + 6
                                     ? QStringLiteral("%1 ± %2").arg(m, 0, 'f', 2).arg(s, 0, 'f', 2)
                                     : QString::number(m, 'f', 2);
            const double yLabel = std::max(plot.top() - fm.height() * 1.3, ys.map(g.values.size() > 1 ? m + s : m) - fm.height() * 1.2);
            QRectF box(cx - slot / 2, yLabel, slot, fm.height());
            QColor back = ink.background;
            back.setAlphaF(0.8f);
            const double w = fm.horizontalAdvance(text) + 6;
            painter.fillRect(QRectF(cx - w / 2, yLabel, w, fm.height()), back);
            painter.setPen(muted ? ink.mutedText : ink.text);
            painter.drawText(box, Qt::AlignCenter, text);
        }
        painter.setPen(muted ? ink.mutedText : ink.text);
        const QString label = fm.elidedText(g.label, Qt::ElideRight, slot - 4);
        painter.drawText(QRectF(cx - slot / 2, plot.bottom() + 3, slot, fm.height()), Qt::AlignCenter, label);
    }
    if (m_hasReference && m_reference >= lo && m_reference <= hi) {
        const double y = ys.map(m_reference);
        painter.setPen(QPen(ink.mutedText, 1.4, Qt::DashLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if (!m_referenceLabel.isEmpty()) {
            const double w = fm.horizontalAdvance(m_referenceLabel) + 6;
            QColor back = ink.background;
            back.setAlphaF(0.85f);
            const QRectF box(plot.left() + 2, y - fm.height() - 2, w, fm.height());
            painter.fillRect(box, back);
            painter.drawText(box, Qt::AlignCenter, m_referenceLabel);
        }
    }
    if (!m_xTitle.isEmpty()) {
        painter.setPen(ink.text);
        painter.drawText(QRectF(0, plot.bottom() + fm.height() * 1.4, width(), fm.height() * 1.2), Qt::AlignHCenter | Qt::AlignTop,
                         fm.elidedText(m_xTitle, Qt::ElideRight, width() - 4));
    }
}

}  // namespace dslab
