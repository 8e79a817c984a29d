#include "ui/charts/projection_scatter_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>

namespace dslab {

ProjectionScatterView::ProjectionScatterView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Two-dimensional projection coloured by class"));
    setMinimumSize(260, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QColor ProjectionScatterView::colorOf(int label)
{
    static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                    QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                    QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                    QColor(23, 190, 207)};
    return colors[static_cast<unsigned>(label) % 10];
}

void ProjectionScatterView::setPoints(const Eigen::MatrixXd& points, const Eigen::VectorXi& labels,
                                      const QStringList& classNames)
{
    m_points = points.cols() >= 2 ? points.leftCols(2) : Eigen::MatrixXd(points.rows(), 2);
    if (points.cols() == 1) {  // one component: spread along x only
        m_points.col(0) = points.col(0);
        m_points.col(1).setZero();
    }
    m_labels = labels;
    m_names = classNames;
    update();
}

void ProjectionScatterView::setAxisTitles(const QString& x, const QString& y)
{
    m_xTitle = x;
    m_yTitle = y;
    update();
}

void ProjectionScatterView::setCaption(const QString& caption)
{
    m_caption = caption;
    update();
}

void ProjectionScatterView::clear()
{
    m_points.resize(0, 2);
    m_labels.resize(0);
    m_caption.clear();
    update();
}

void ProjectionScatterView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("2-D projection coloured by label\n(train to see it)"));
        return;
    }
    const QFontMetricsF fm(font());
    auto range = [](const Eigen::VectorXd& v) {
        double lo = v.minCoeff(), hi = v.maxCoeff();
        if (!(hi > lo)) {
            lo -= 1;
            hi += 1;
        }
        const double pad = (hi - lo) * 0.04;
        return std::pair{lo - pad, hi + pad};
    };
    const auto [x0, x1] = range(m_points.col(0));
    const auto [y0, y1] = range(m_points.col(1));
    AxisScale y{y0, y1, 0, 1, false};
    const double left = leftAxisWidth(painter, y) + 4;
    const double bottom = bottomAxisHeight(painter);
    const double top = (m_caption.isEmpty() ? 4 : fm.height() + 6);
    // The legend: one column of swatches right of the plot.
    double legendWidth = 0;
    for (int k = 0; k < m_names.size(); ++k)
        legendWidth = std::max(legendWidth, fm.horizontalAdvance(m_names[k]));
    legendWidth += 22;
    const QRectF plot(left, top, std::max(10.0, width() - left - legendWidth - 8),
                      std::max(10.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{x0, x1, plot.left(), plot.right(), false};
    drawGrid(painter, plot, x, y, ink);

    const double r = m_points.rows() > 1000 ? 2.2 : 3.0;
    painter.setPen(Qt::NoPen);
    painter.setClipRect(plot);
    for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
        QColor c = colorOf(i < m_labels.size() ? m_labels(i) : 0);
        c.setAlpha(200);
        painter.setBrush(c);
        painter.drawEllipse(QPointF(x.map(m_points(i, 0)), y.map(m_points(i, 1))), r, r);
    }
    painter.setClipping(false);
    drawBottomAxis(painter, plot, x, m_xTitle, ink);
    drawLeftAxis(painter, plot, y, m_yTitle, ink);
    if (!m_caption.isEmpty()) {
        painter.setPen(ink.text);
        painter.drawText(QRectF(plot.left(), 2, width() - plot.left() - 4, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(m_caption, Qt::ElideRight, width() - plot.left() - 4));
    }
    double ly = plot.top();
    for (int k = 0; k < m_names.size(); ++k) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colorOf(k));
        painter.drawEllipse(QPointF(plot.right() + 14, ly + fm.height() / 2), 4.5, 4.5);
        painter.setPen(ink.text);
        painter.drawText(QPointF(plot.right() + 22, ly + fm.ascent()), m_names[k]);
        ly += fm.height() + 2;
    }
}

QString ProjectionScatterView::toCsv() const
{
    QString out = QStringLiteral("x,y,label\n");
    for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
        const int label = i < m_labels.size() ? m_labels(i) : 0;
        out += QStringLiteral("%1,%2,%3\n").arg(m_points(i, 0)).arg(m_points(i, 1)).arg(csvField(m_names.value(label)));
    }
    return out;
}

}  // namespace dslab
