#include "ui/charts/partial_dependence_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

PartialDependenceView::PartialDependenceView(QWidget* parent) : ChartWidget(parent), m_response(tr("partial dependence"))
{
    setAccessibleName(tr("Partial dependence plot"));
    setMinimumSize(280, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PartialDependenceView::setOneWay(const QString& featureName, const Eigen::VectorXd& grid,
                                      const Eigen::VectorXd& average, const Eigen::MatrixXd& ice,
                                      const Eigen::VectorXd& dataValues)
{
    m_twoWay = false;
    const Eigen::Index g = std::min(grid.size(), average.size());
    m_xName = featureName;
    m_yName.clear();
    m_gridX = grid.head(g);
    m_average1 = average.head(g);
    m_ice = ice.cols() == g ? ice : Eigen::MatrixXd();
    m_data = dataValues;
    m_gridY.resize(0);
    m_average2.resize(0, 0);
    setAccessibleName(tr("Partial dependence of the prediction on %1").arg(featureName));
    pickIceRows();
    update();
}

void PartialDependenceView::setTwoWay(const QString& xName, const QString& yName, const Eigen::VectorXd& gridX,
                                      const Eigen::VectorXd& gridY, const Eigen::MatrixXd& average)
{
    const bool fits = average.rows() == gridY.size() && average.cols() == gridX.size();
    m_twoWay = true;
    m_xName = xName;
    m_yName = yName;
    m_gridX = fits ? gridX : Eigen::VectorXd();
    m_gridY = fits ? gridY : Eigen::VectorXd();
    m_average2 = fits ? average : Eigen::MatrixXd();
    m_average1.resize(0);
    m_ice.resize(0, 0);
    m_data.resize(0);
    setAccessibleName(tr("Partial dependence of the prediction on %1 and %2").arg(xName, yName));
    pickIceRows();
    update();
}

void PartialDependenceView::clear()
{
    setOneWay({}, {}, {});
}

void PartialDependenceView::setResponseLabel(const QString& label)
{
    m_response = label;
    update();
}

void PartialDependenceView::setMaxIceLines(int lines)
{
    m_maxIce = lines;
    pickIceRows();
    update();
}

void PartialDependenceView::pickIceRows()
{
    // Evenly spaced rows, not random ones: the same data gives the same picture.
    m_iceRows.clear();
    const auto n = static_cast<int>(m_ice.rows());
    const int m = std::min(n, std::max(0, m_maxIce));
    for (int k = 0; k < m; ++k)
        m_iceRows.push_back(static_cast<int>(static_cast<long long>(k) * n / m));
}

void PartialDependenceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Partial dependence\n(choose a feature)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_twoWay)
        paintTwoWay(painter);
    else
        paintOneWay(painter);
}

namespace {

void padRange(double& lo, double& hi, double share)
{
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-12) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double d = (hi - lo) * share;
    lo -= d;
    hi += d;
}

}  // namespace

void PartialDependenceView::paintOneWay(QPainter& painter)
{
    const ChartInk ink = chartInk(palette());
    const QFontMetricsF fm(font());
    double xlo = m_gridX.minCoeff(), xhi = m_gridX.maxCoeff();
    double ylo = m_average1.minCoeff(), yhi = m_average1.maxCoeff();
    for (int r : m_iceRows) {
        ylo = std::min(ylo, m_ice.row(r).minCoeff());
        yhi = std::max(yhi, m_ice.row(r).maxCoeff());
    }
    padRange(xlo, xhi, 0.02);
    padRange(ylo, yhi, 0.05);
    AxisScale y{ylo, yhi, 0, 1};
    const double left = leftAxisWidth(painter, y) + 4;
    const double top = fm.height() * 0.6 + (m_iceRows.empty() ? 0 : fm.height());
    const double bottom = bottomAxisHeight(painter) + 4;
    const QRectF plot(left, top, std::max(40.0, width() - left - 12), std::max(40.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{xlo, xhi, plot.left(), plot.right()};
    drawGrid(painter, plot, x, y, ink);

    auto curve = [&](auto&& valueAt) {
        QPainterPath path;
        for (Eigen::Index k = 0; k < m_gridX.size(); ++k) {
            const QPointF q(x.map(m_gridX[k]), y.map(valueAt(k)));
            if (k == 0)
                path.moveTo(q);
            else
                path.lineTo(q);
        }
        return path;
    };
    // ICE lines: thin and translucent so their spread reads as a band.
    QColor iceColour = ink.accent;
    iceColour.setAlphaF(m_iceRows.size() > 30 ? 0.22f : 0.4f);
    painter.setPen(QPen(iceColour, 1));
    painter.setBrush(Qt::NoBrush);
    for (int r : m_iceRows)
        painter.drawPath(curve([&](Eigen::Index k) { return m_ice(r, k); }));
    // The PD line on top, thick, in another hue so it stands out from the ICE band.
    const QColor pdColour = m_iceRows.empty() ? ink.accent : ink.positive;
    painter.setPen(QPen(pdColour, std::max(3.0, fm.height() * 0.2), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(curve([&](Eigen::Index k) { return m_average1[k]; }));

    // Rug: one short tick per data value (at most ~1,000, evenly sampled).
    if (m_data.size() > 0) {
        QColor rug = ink.text;
        rug.setAlphaF(0.35f);
        painter.setPen(QPen(rug, 1));
        const double h = fm.height() * 0.45;
        const Eigen::Index stride = std::max<Eigen::Index>(1, m_data.size() / 1000);
        for (Eigen::Index i = 0; i < m_data.size(); i += stride) {
            if (!std::isfinite(m_data[i]) || m_data[i] < xlo || m_data[i] > xhi)
                continue;
            const double px = x.map(m_data[i]);
            painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() - h));
        }
    }
    drawBottomAxis(painter, plot, x, m_xName, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, y, m_response, ink);

    // Legend above the plot when ICE lines are drawn (two entries, no box).
    if (!m_iceRows.empty()) {
        const QString pd = tr("average (PD)");
        const QString ice = tr("single rows (ICE, %1)").arg(m_iceRows.size());
        const double sw = fm.height() * 1.4;
        double at = plot.right() - (sw + 4 + fm.horizontalAdvance(pd) + 12 + sw + 4 + fm.horizontalAdvance(ice));
        at = std::max(at, plot.left());
        const double cy = fm.height() * 0.3 + fm.height() / 2;
        painter.setPen(QPen(pdColour, 3));
        painter.drawLine(QPointF(at, cy), QPointF(at + sw, cy));
        painter.setPen(ink.text);
        painter.drawText(QPointF(at + sw + 4, cy + fm.ascent() / 2 - 1), pd);
        at += sw + 4 + fm.horizontalAdvance(pd) + 12;
        QColor legendIce = ink.accent;
        legendIce.setAlphaF(0.6f);
        painter.setPen(QPen(legendIce, 1.5));
        painter.drawLine(QPointF(at, cy), QPointF(at + sw, cy));
        painter.setPen(ink.text);
        painter.drawText(QPointF(at + sw + 4, cy + fm.ascent() / 2 - 1), ice);
    }
}

void PartialDependenceView::paintTwoWay(QPainter& painter)
{
    const ChartInk ink = chartInk(palette());
    const QFontMetricsF fm(font());
    // Cell edges halfway between grid values.
    auto edges = [](const Eigen::VectorXd& g) {
        std::vector<double> e(static_cast<std::size_t>(g.size() + 1));
        const Eigen::Index n = g.size();
        for (Eigen::Index k = 1; k < n; ++k)
            e[static_cast<std::size_t>(k)] = (g[k - 1] + g[k]) / 2;
        const double first = n > 1 ? g[1] - g[0] : 1, last = n > 1 ? g[n - 1] - g[n - 2] : 1;
        e[0] = g[0] - first / 2;
        e[static_cast<std::size_t>(n)] = g[n - 1] + last / 2;
        return e;
    };
    const std::vector<double> ex = edges(m_gridX), ey = edges(m_gridY);
    const double vlo = m_average2.minCoeff(), vhi = m_average2.maxCoeff();
    const QString top = formatNumber(vhi), bottomLabel = formatNumber(vlo);
    const double barArea = colorBarWidth(painter, top, bottomLabel, m_response) + 16;
    AxisScale y{ex.empty() ? 0 : ey.front(), ey.back(), 0, 1};
    const double left = leftAxisWidth(painter, y) + 4;
    const double topMargin = fm.height() * 0.6, bottom = bottomAxisHeight(painter) + 4;
    const QRectF plot(left, topMargin, std::max(40.0, width() - left - barArea),
                      std::max(40.0, height() - topMargin - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{ex.front(), ex.back(), plot.left(), plot.right()};
    auto t = [&](double v) { return vhi > vlo ? (v - vlo) / (vhi - vlo) : 0.5; };
    for (Eigen::Index r = 0; r < m_gridY.size(); ++r) {
        for (Eigen::Index c = 0; c < m_gridX.size(); ++c) {
            const QRectF cell(QPointF(x.map(ex[static_cast<std::size_t>(c)]), y.map(ey[static_cast<std::size_t>(r + 1)])),
                              QPointF(x.map(ex[static_cast<std::size_t>(c + 1)]), y.map(ey[static_cast<std::size_t>(r)])));
            // Slightly enlarged so antialiasing leaves no hairline gaps.
            painter.fillRect(cell.adjusted(-0.5, -0.5, 0.5, 0.5), scoreColor(t(m_average2(r, c))));
        }
    }
    drawBottomAxis(painter, plot, x, m_xName, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, y, m_yName, ink);
    const double barH = std::min(plot.height(), std::max(fm.height() * 4, plot.height() * 0.8));
    const QRectF bar(plot.right() + 12, plot.center().y() - barH / 2, std::max(8.0, fm.height() * 0.6), barH);
    drawColorBar(painter, bar, scoreColor, top, bottomLabel, m_response, ink);
}

QString PartialDependenceView::toCsv() const
{
    QString out;
    if (m_twoWay) {
        out = csvField(m_xName) + ',' + csvField(m_yName) + ",partial_dependence\n";
        for (Eigen::Index r = 0; r < m_gridY.size(); ++r)
            for (Eigen::Index c = 0; c < m_gridX.size(); ++c)
                out += QString::number(m_gridX[c], 'g', 10) + ',' + QString::number(m_gridY[r], 'g', 10) + ','
                    + QString::number(m_average2(r, c), 'g', 10) + '\n';
        return out;
    }
    out = csvField(m_xName) + ",partial_dependence";
    for (int r : m_iceRows)
        out += QStringLiteral(",ice_row_%1").arg(r);
    out += '\n';
    for (Eigen::Index k = 0; k < m_gridX.size(); ++k) {
        out += QString::number(m_gridX[k], 'g', 10) + ',' + QString::number(m_average1[k], 'g', 10);
        for (int r : m_iceRows)
            out += ',' + QString::number(m_ice(r, k), 'g', 10);
        out += '\n';
    }
    return out;
}

}  // namespace dslab
