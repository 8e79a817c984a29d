#include "ui/charts/probability_histogram_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

ProbabilityHistogramView::ProbabilityHistogramView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Histogram of predicted probabilities by class"));
    setMinimumSize(220, 140);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    clear();
}

void ProbabilityHistogramView::clear()
{
    for (auto& c : m_counts)
        c = QVector<int>(binCount(), 0);
    m_total = 0;
    update();
}

void ProbabilityHistogramView::setScores(const Eigen::VectorXd& truth, const Eigen::VectorXd& positive,
                                         const QStringList& classNames)
{
    clear();
    m_names = classNames;
    for (Eigen::Index i = 0; i < std::min(truth.size(), positive.size()); ++i) {
        if (!std::isfinite(positive(i)))
            continue;
        const int label = truth(i) == 1.0 ? 1 : 0;
        const int bin = std::clamp(static_cast<int>(positive(i) * binCount()), 0, binCount() - 1);
        ++m_counts[label][bin];
        ++m_total;
    }
    update();
}

void ProbabilityHistogramView::setThreshold(double threshold)
{
    m_threshold = threshold;
    update();
}

int ProbabilityHistogramView::count(int label, int bin) const
{
    return label >= 0 && label < 2 && bin >= 0 && bin < binCount() ? m_counts[label][bin] : 0;
}

void ProbabilityHistogramView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Predicted probabilities by class\n(train to see them)"));
        return;
    }
    int highest = 1;
    for (const auto& c : m_counts)
        highest = std::max(highest, *std::max_element(c.begin(), c.end()));
    AxisScale y{0, static_cast<double>(highest) * 1.08, 0, 1, false};
    const double left = leftAxisWidth(painter, y) + 4;
    const double bottom = bottomAxisHeight(painter);
    const QFontMetricsF fm(font());
    const double top = fm.height() + 8;  // room for the legend line
    const QRectF plot(left, top, std::max(10.0, width() - left - 10), std::max(10.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{0, 1, plot.left(), plot.right(), false};
    drawGrid(painter, plot, x, y, ink);

    const double binWidth = 1.0 / binCount();
    for (int label = 0; label < 2; ++label) {
        QColor fill = classColor(label);
        fill.setAlpha(140);
        painter.setPen(QPen(classColor(label).darker(130), 1));
        painter.setBrush(fill);
        for (int b = 0; b < binCount(); ++b) {
            if (m_counts[label][b] == 0)
                continue;
            const double x0 = x.map(b * binWidth), x1 = x.map((b + 1) * binWidth);
            const double y1 = y.map(m_counts[label][b]);
            painter.drawRect(QRectF(QPointF(x0, y1), QPointF(x1, plot.bottom())));
        }
    }
    // The threshold: rows right of it are predicted positive.
    painter.setPen(QPen(ink.text, 1.6, Qt::DashLine));
    const double tx = x.map(m_threshold);
    painter.drawLine(QPointF(tx, plot.top()), QPointF(tx, plot.bottom()));
    drawBottomAxis(painter, plot, x, tr("predicted P(%1)").arg(m_names.value(1, tr("positive"))), ink);
    drawLeftAxis(painter, plot, y, tr("rows"), ink);

    // Legend above the plot: one swatch per true class, then the threshold.
    double lx = plot.left();
    const double ly = 4;
    for (int label = 0; label < 2; ++label) {
        QColor fill = classColor(label);
        fill.setAlpha(140);
        painter.setPen(QPen(classColor(label).darker(130), 1));
        painter.setBrush(fill);
        painter.drawRect(QRectF(lx, ly + 3, 12, fm.height() - 6));
        const QString text = tr("true %1").arg(m_names.value(label, QString::number(label)));
        painter.setPen(ink.text);
        painter.drawText(QPointF(lx + 16, ly + fm.ascent()), text);
        lx += 16 + fm.horizontalAdvance(text) + 14;
    }
    // The threshold's key, as long as it fits.
    painter.setPen(ink.mutedText);
    for (const QString& key : {tr("dashed: threshold %1").arg(m_threshold, 0, 'f', 2), tr("dashed: threshold")})
        if (lx + fm.horizontalAdvance(key) <= width() - 4) {
            painter.drawText(QPointF(lx, ly + fm.ascent()), key);
            break;
        }
}

QString ProbabilityHistogramView::toCsv() const
{
    QString out = QStringLiteral("bin_low,bin_high,%1,%2\n")
                      .arg(csvField(m_names.value(0, "0")), csvField(m_names.value(1, "1")));
    for (int b = 0; b < binCount(); ++b)
        out += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(static_cast<double>(b) / binCount())
                   .arg(static_cast<double>(b + 1) / binCount())
                   .arg(m_counts[0][b])
                   .arg(m_counts[1][b]);
    return out;
}

}  // namespace dslab
