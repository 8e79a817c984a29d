#include "ui/charts/grouped_bar_view.h"

#include "ui/charts/chart_painting.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

GroupedBarView::GroupedBarView(QWidget* parent) : ChartWidget(parent)
{
    setMinimumSize(260, 180);
}

void GroupedBarView::setValues(const Eigen::MatrixXd& values, const QStringList& categories, const QStringList& series)
{
    m_values = values;
    m_categories = categories;
    m_series = series;
    update();
}

void GroupedBarView::clear()
{
    m_values.resize(0, 0);
    m_categories.clear();
    m_series.clear();
    update();
}

void GroupedBarView::setTitle(const QString& title)
{
    m_title = title;
    update();
}

void GroupedBarView::setYTitle(const QString& title)
{
    m_yTitle = title;
    update();
}

void GroupedBarView::setYRange(double lo, double hi)
{
    m_yLo = lo;
    m_yHi = hi;
    update();
}

void GroupedBarView::setCurrentCategory(int category)
{
    m_current = category;
    update();
}

QString GroupedBarView::toCsv() const
{
    QString out = QStringLiteral("category,series,value\n");
    for (Eigen::Index c = 0; c < m_values.rows(); ++c)
        for (Eigen::Index s = 0; s < m_values.cols(); ++s)
            out += QStringLiteral("%1,%2,%3\n")
                       .arg(csvField(m_categories.value(static_cast<int>(c))), csvField(m_series.value(static_cast<int>(s))))
                       .arg(m_values(c, s), 0, 'g', 10);
    return out;
}

void GroupedBarView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    QFont small = font();
    small.setPointSizeF(std::max(6.5, font().pointSizeF() * 0.82));
    const QFontMetricsF fmSmall(small);

    double lo = m_yLo, hi = m_yHi;
    for (Eigen::Index i = 0; i < m_values.size(); ++i)
        if (std::isfinite(m_values.data()[i])) {
            lo = std::min(lo, m_values.data()[i]);
            hi = std::max(hi, m_values.data()[i]);
        }
    // Title line, then the legend line(s) of series swatches.
    double top = 4;
    if (!m_title.isEmpty()) {
        painter.setPen(ink.text);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QRectF(0, top, width(), fm.height()), Qt::AlignHCenter, QFontMetricsF(bold).elidedText(m_title, Qt::ElideRight, width() - 8));
        painter.setFont(font());
        top += fm.height() + 2;
    }
    {
        double x = 8;
        const double swatch = fm.height() * 0.8;
        for (int s = 0; s < m_series.size(); ++s) {
            const double w = swatch + 4 + fm.horizontalAdvance(m_series[s]) + 12;
            if (x + w > width() && x > 8) {
                x = 8;
                top += fm.height() + 2;
            }
            painter.fillRect(QRectF(x, top + (fm.height() - swatch) / 2, swatch, swatch), classColor(s));
            painter.setPen(ink.text);
            painter.drawText(QRectF(x + swatch + 4, top, w, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, m_series[s]);
            x += w;
        }
        top += fm.height() + fmSmall.height() + 4;  // room for the value labels of full bars
    }
    AxisScale ys{lo, hi, 0, 1};
    const double left = leftAxisWidth(painter, ys, !m_yTitle.isEmpty()) + 4;
    const double bottom = fm.height() * 1.6;
    const QRectF plot(left, top, std::max(30.0, width() - left - 8), std::max(30.0, height() - top - bottom));
    ys = AxisScale{lo, hi, plot.bottom(), plot.top()};
    painter.setRenderHint(QPainter::Antialiasing);
    for (double t : ys.ticks(6)) {
        painter.setPen(QPen(ink.grid, 1));
        painter.drawLine(QPointF(plot.left(), ys.map(t)), QPointF(plot.right(), ys.map(t)));
    }
    painter.setPen(QPen(ink.axis, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    drawLeftAxis(painter, plot, ys, m_yTitle, ink);

    const auto categories = static_cast<int>(m_values.rows());
    const auto series = static_cast<int>(m_values.cols());
    if (categories == 0 || series == 0)
        return;
    const double slot = plot.width() / categories;
    const double barW = slot * 0.84 / series;
    for (int c = 0; c < categories; ++c) {
        const double x0 = plot.left() + slot * c + slot * 0.08;
        if (c == m_current) {
            QColor frame = ink.accent;
            frame.setAlphaF(0.12f);
            painter.fillRect(QRectF(plot.left() + slot * c + 1, plot.top() + 1, slot - 2, plot.height() - 2), frame);
        }
        for (int s = 0; s < series; ++s) {
            const double v = m_values(c, s);
            const QRectF slotRect(x0 + barW * s, plot.top(), barW, plot.height());
            painter.setFont(small);
            if (!std::isfinite(v)) {
                painter.setPen(ink.mutedText);
                painter.drawText(QRectF(slotRect.left() - 6, plot.bottom() - fmSmall.height() - 2, barW + 12, fmSmall.height()),
                                 Qt::AlignCenter, tr("n/a"));
                painter.setFont(font());
                continue;
            }
            const double yTop = ys.map(v), yBase = ys.map(std::max(lo, 0.0));
            painter.fillRect(QRectF(slotRect.left() + 1, std::min(yTop, yBase), std::max(1.0, barW - 2), std::abs(yBase - yTop)),
                             classColor(s));
            // The value above the bar, rotated when the bar is too narrow for it.
            const QString text = QString::number(v, 'f', 2);
            painter.setPen(ink.text);
            if (fmSmall.horizontalAdvance(text) <= barW + 2)
                painter.drawText(QRectF(slotRect.left() - 4, yTop - fmSmall.height() - 1, barW + 8, fmSmall.height()), Qt::AlignCenter, text);
            else if (std::abs(yBase - yTop) > fmSmall.horizontalAdvance(text) + 6) {
                // Narrow bars: the value runs down inside the bar's top.
                painter.setPen(Qt::white);
                drawVerticalText(painter, QPointF(slotRect.center().x(), yTop + fmSmall.horizontalAdvance(text) / 2 + 3), text);
            }
            painter.setFont(font());
        }
        QFont labelFont = font();
        labelFont.setBold(c == m_current);
        painter.setFont(labelFont);
        painter.setPen(ink.text);
        painter.drawText(QRectF(plot.left() + slot * c, plot.bottom() + 3, slot, fm.height()), Qt::AlignCenter,
                         QFontMetricsF(labelFont).elidedText(m_categories.value(c), Qt::ElideRight, slot - 4));
        painter.setFont(font());
    }
}

}  // namespace dslab
