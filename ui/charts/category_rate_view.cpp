#include "ui/charts/category_rate_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPen>
#include <algorithm>

namespace dslab {

CategoryRateView::CategoryRateView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumHeight(150);
}

void CategoryRateView::setRates(const QStringList& categories, const std::vector<double>& rates, const std::vector<int>& counts,
                                double overallRate, const QString& title)
{
    m_categories = categories;
    m_rates = rates;
    m_counts = counts;
    m_overall = overallRate;
    m_title = title;
    update();
}

void CategoryRateView::clear()
{
    m_categories.clear();
    m_rates.clear();
    m_counts.clear();
    m_title.clear();
    update();
}

QString CategoryRateView::toCsv() const
{
    QString csv = QStringLiteral("category,rate,count\n");
    for (std::size_t i = 0; i < m_rates.size(); ++i)
        csv += csvField(m_categories.value(static_cast<int>(i))) + ',' + QString::number(m_rates[i], 'g', 10) + ','
               + QString::number(i < m_counts.size() ? m_counts[i] : 0) + '\n';
    return csv;
}

void CategoryRateView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const ChartInk ink = chartInk(palette());
    p.fillRect(rect(), ink.background);
    const QFontMetrics fm = p.fontMetrics();
    if (m_rates.empty()) {
        p.setPen(ink.mutedText);
        p.drawText(rect(), Qt::AlignCenter, tr("Pick a derived feature to see its relation to the target"));
        return;
    }
    const double titleHeight = fm.height() + 4;
    p.setPen(ink.text);
    p.drawText(QRectF(0, 2, width(), fm.height()), Qt::AlignHCenter, fm.elidedText(m_title, Qt::ElideRight, width() - 8));
    AxisScale y;
    y.lo = 0;
    y.hi = 1;
    const double left = leftAxisWidth(p, y, true);
    const double labelHeight = 3.0 * fm.height() + 8;  // category (up to two lines) and count
    const QRectF plot(left, titleHeight + 4, std::max(10.0, width() - left - 8), std::max(10.0, height() - titleHeight - 8 - labelHeight));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    for (double t : y.ticks(5)) {
        p.setPen(ink.grid);
        p.drawLine(QPointF(plot.left(), y.map(t)), QPointF(plot.right(), y.map(t)));
    }
    drawLeftAxis(p, plot, y, tr("rate"), ink);
    const auto n = static_cast<double>(m_rates.size());
    const double slot = plot.width() / n;
    const double barWidth = std::max(2.0, slot * 0.7);
    for (std::size_t i = 0; i < m_rates.size(); ++i) {
        const double x = plot.left() + slot * static_cast<double>(i) + (slot - barWidth) / 2;
        const double top = y.map(std::clamp(m_rates[i], 0.0, 1.0));
        p.fillRect(QRectF(x, top, barWidth, plot.bottom() - top), ink.accent);
        p.setPen(ink.text);
        if (barWidth >= fm.horizontalAdvance(QStringLiteral("100%")) * 0.8)
            p.drawText(QRectF(x - 10, top - fm.height() - 1, barWidth + 20, fm.height()), Qt::AlignHCenter | Qt::AlignBottom,
                       QStringLiteral("%1%").arg(m_rates[i] * 100, 0, 'f', 0));
        // A label too wide for its slot breaks at its last '_' or space ("female" over "1").
        QString label = m_categories.value(static_cast<int>(i));
        const int slotWidth = static_cast<int>(slot);
        int lines = 1;
        if (fm.horizontalAdvance(label) > slotWidth) {
            const auto cut = std::max(label.lastIndexOf('_'), label.lastIndexOf(' '));
            if (cut > 0) {
                label = fm.elidedText(label.left(cut), Qt::ElideRight, slotWidth) + '\n'
                        + fm.elidedText(label.mid(cut + 1), Qt::ElideRight, slotWidth);
                lines = 2;
            } else {
                label = fm.elidedText(label, Qt::ElideRight, slotWidth);
            }
        }
        const QRectF labelBox(plot.left() + slot * static_cast<double>(i), plot.bottom() + 2, slot, fm.height() * lines);
        p.drawText(labelBox, Qt::AlignHCenter | Qt::AlignTop, label);
        p.setPen(ink.mutedText);
        p.drawText(QRectF(labelBox.left(), labelBox.bottom() + 2, slot, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   fm.elidedText(QStringLiteral("n=%1").arg(i < m_counts.size() ? m_counts[i] : 0), Qt::ElideRight, slotWidth));
    }
    QPen dashed(ink.text, 1, Qt::DashLine);
    p.setPen(dashed);
    const double yo = y.map(m_overall);
    p.drawLine(QPointF(plot.left(), yo), QPointF(plot.right(), yo));
}

}  // namespace dslab
