#include "ui/charts/distribution_shift_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

DistributionShiftView::DistributionShiftView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Training versus live share per bin"));
    setMinimumSize(240, 150);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DistributionShiftView::setShift(const QString& feature, const QVector<double>& edges,
                                     const QVector<double>& reference, const QVector<double>& live, double psi)
{
    m_feature = feature;
    m_edges = edges;
    m_reference = reference;
    m_live = live.size() == reference.size() ? live : QVector<double>(reference.size(), 0.0);
    m_psi = psi;
    update();
}

void DistributionShiftView::clear()
{
    setShift({}, {}, {}, {}, 0);
}

QString DistributionShiftView::toCsv() const
{
    QString out = "bin,lower_edge,upper_edge,training_share,live_share\n";
    for (int b = 0; b < m_reference.size(); ++b) {
        const QString lo = b == 0 ? QString("-inf") : QString::number(m_edges.value(b - 1), 'g', 10);
        const QString hi = b == m_edges.size() ? QString("inf") : QString::number(m_edges.value(b), 'g', 10);
        out += QString("%1,%2,%3,%4,%5\n").arg(b + 1).arg(lo, hi).arg(m_reference[b], 0, 'g', 10).arg(m_live[b], 0, 'g', 10);
    }
    return out;
}

void DistributionShiftView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (m_reference.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Training vs live distribution\n(train a model first)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    const QString verdict = m_psi < 0.1 ? tr("stable") : (m_psi < 0.25 ? tr("moderate shift") : tr("major shift"));
    const QString title = tr("PSI %1 (%2)").arg(formatNumber(m_psi), verdict);

    double top = 0;
    for (int b = 0; b < m_reference.size(); ++b)
        top = std::max({top, m_reference[b], m_live[b]});
    AxisScale y{0, std::max(0.05, top * 1.1), 0, 0, false};
    const double legendH = fm.height() * 1.4;
    const double left = leftAxisWidth(painter, y, true);
    const QRectF plot(left, legendH + 4, std::max(40.0, width() - left - 10),
                      std::max(30.0, height() - legendH - 4 - bottomAxisHeight(painter, true)));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    AxisScale gridX{0, 1, plot.left(), plot.right(), false};
    drawGrid(painter, plot, gridX, y, ink);

    // Legend line with the title.
    painter.setPen(ink.text);
    painter.drawText(QRectF(left, 0, plot.width() * 0.55, legendH), Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(title, Qt::ElideRight, plot.width() * 0.55));
    QColor referenceInk = ink.negative, liveInk = ink.positive;
    const double lx = left + plot.width() * 0.58;
    const double box = fm.height() * 0.7;
    painter.fillRect(QRectF(lx, legendH / 2 - box / 2, box, box), referenceInk);
    painter.drawText(QRectF(lx + box + 4, 0, plot.width() * 0.2, legendH), Qt::AlignLeft | Qt::AlignVCenter, tr("training"));
    const double lx2 = lx + box + 8 + fm.horizontalAdvance(tr("training")) + 10;
    painter.fillRect(QRectF(lx2, legendH / 2 - box / 2, box, box), liveInk);
    painter.drawText(QRectF(lx2 + box + 4, 0, plot.width() * 0.2, legendH), Qt::AlignLeft | Qt::AlignVCenter, tr("live"));

    const auto bins = static_cast<int>(m_reference.size());
    const double pitch = plot.width() / bins;
    const double barW = pitch * 0.38;
    for (int b = 0; b < bins; ++b) {
        const double x = plot.left() + b * pitch + pitch * 0.1;
        const double yr = y.map(m_reference[b]), yl = y.map(m_live[b]);
        painter.fillRect(QRectF(x, yr, barW, plot.bottom() - yr), referenceInk);
        painter.fillRect(QRectF(x + barW + 1, yl, barW, plot.bottom() - yl), liveInk);
    }
    drawLeftAxis(painter, plot, y, tr("share of rows"), ink);
    // The x axis: the edges between bins, thinned to what fits.
    painter.setPen(ink.axis);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(ink.mutedText);
    const double labelW = fm.horizontalAdvance(QStringLiteral("0.000e+00"));
    const int every = std::max(1, static_cast<int>(std::ceil(labelW / std::max(1.0, pitch))));
    for (int e = 0; e < m_edges.size(); e += every) {
        const double x = plot.left() + (e + 1) * pitch;
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3));
        painter.drawText(QRectF(x - labelW / 2, plot.bottom() + 3, labelW, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                         formatNumber(m_edges[e]));
    }
    painter.setPen(ink.text);
    const QString axisTitle = tr("%1, binned at the training deciles").arg(m_feature);
    painter.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 3, plot.width(), fm.height()), Qt::AlignCenter,
                     fm.elidedText(axisTitle, Qt::ElideRight, plot.width()));
}

}  // namespace dslab
