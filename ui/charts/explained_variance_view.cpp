#include "ui/charts/explained_variance_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace dslab {

ExplainedVarianceView::ExplainedVarianceView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Explained variance per component and cumulative"));
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ExplainedVarianceView::setRatios(const Eigen::VectorXd& ratios)
{
    m_ratios = ratios;
    update();
}

void ExplainedVarianceView::setKept(int k)
{
    m_kept = k;
    update();
}

void ExplainedVarianceView::clear()
{
    m_ratios.resize(0);
    m_kept = 0;
    update();
}

double ExplainedVarianceView::cumulative(int k) const
{
    const auto n = static_cast<int>(std::clamp<Eigen::Index>(k, 0, m_ratios.size()));
    return n == 0 ? 0.0 : m_ratios.head(n).sum();
}

void ExplainedVarianceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Explained variance per component\n(train to see it)"));
        return;
    }
    const QFontMetricsF fm(font());
    const auto n = static_cast<int>(m_ratios.size());
    AxisScale y{0, 1.0, 0, 1, false};
    const double left = leftAxisWidth(painter, y) + 4;
    const double bottom = bottomAxisHeight(painter);
    const double top = fm.height() + 6;
    const double right = fm.horizontalAdvance(QStringLiteral("99%")) + 8;
    const QRectF plot(left, top, std::max(10.0, width() - left - right), std::max(10.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{0.5, n + 0.5, plot.left(), plot.right(), false};
    drawGrid(painter, plot, x, y, ink);

    // Guides: the shares people usually ask for, labelled right of the plot
    // (pushed apart where 95% and 99% would overlap).
    double labelY = -1e9;
    for (double level : {0.99, 0.95, 0.9}) {
        painter.setPen(QPen(ink.mutedText, 1, Qt::DotLine));
        painter.drawLine(QPointF(plot.left(), y.map(level)), QPointF(plot.right(), y.map(level)));
        labelY = std::max(y.map(level) + fm.ascent() / 2 - 1, labelY + fm.height() * 0.9);
        painter.setPen(ink.mutedText);
        painter.drawText(QPointF(plot.right() + 3, labelY), QStringLiteral("%1%").arg(level * 100, 0, 'f', 0));
    }
    // Bars: each component's share; the kept ones in the accent colour.
    const double barWidth = std::max(1.0, (plot.width() / n) * 0.8);
    for (int j = 0; j < n; ++j) {
        QColor c = j < m_kept ? ink.accent : ink.mutedText;
        c.setAlpha(j < m_kept ? 220 : 120);
        painter.setPen(Qt::NoPen);
        painter.setBrush(c);
        const double cx = x.map(j + 1);
        painter.drawRect(QRectF(QPointF(cx - barWidth / 2, y.map(m_ratios(j))), QPointF(cx + barWidth / 2, plot.bottom())));
    }
    // The cumulative curve.
    QPainterPath path;
    double running = 0;
    for (int j = 0; j < n; ++j) {
        running += m_ratios(j);
        const QPointF p(x.map(j + 1), y.map(running));
        if (j == 0)
            path.moveTo(p);
        else
            path.lineTo(p);
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(ink.positive, 2));
    painter.drawPath(path);
    // The marker at k.
    QString caption = tr("share per component, cumulative line");
    if (m_kept > 0 && m_kept <= n) {
        const double cum = cumulative(m_kept);
        const QPointF p(x.map(m_kept), y.map(cum));
        painter.setPen(QPen(ink.text, 1.2, Qt::DashLine));
        painter.drawLine(QPointF(p.x(), plot.top()), QPointF(p.x(), plot.bottom()));
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink.text);
        painter.drawEllipse(p, 4, 4);
        caption = tr("first %1 keep %2%").arg(m_kept).arg(cum * 100, 0, 'f', 1);
    }
    painter.setPen(ink.text);
    painter.drawText(QRectF(plot.left(), 2, width() - plot.left() - 4, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(caption, Qt::ElideRight, width() - plot.left() - 4));
    drawBottomAxis(painter, plot, x, tr("component"), ink);
    drawLeftAxis(painter, plot, y, tr("share of variance"), ink);
}

QString ExplainedVarianceView::toCsv() const
{
    QString out = QStringLiteral("component,explained_variance_ratio,cumulative\n");
    double running = 0;
    for (Eigen::Index j = 0; j < m_ratios.size(); ++j) {
        running += m_ratios(j);
        out += QStringLiteral("%1,%2,%3\n").arg(j + 1).arg(m_ratios(j)).arg(running);
    }
    return out;
}

}  // namespace dslab
