#include "ui/charts/shap_dependence_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace dslab {

ShapDependenceView::ShapDependenceView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("SHAP dependence plot"));
    setMinimumSize(280, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ShapDependenceView::setData(const Eigen::VectorXd& featureValues, const Eigen::VectorXd& shapValues,
                                 const QString& featureName, const Eigen::VectorXd& colourValues,
                                 const QString& colourName)
{
    const Eigen::Index n = std::min(featureValues.size(), shapValues.size());
    m_x = featureValues.head(n);
    m_y = shapValues.head(n);
    m_c = colourValues.size() == n ? colourValues : Eigen::VectorXd();
    m_featureName = featureName;
    m_colourName = m_c.size() > 0 ? colourName : QString();
    setAccessibleName(tr("SHAP dependence plot of %1").arg(featureName));
    update();
}

void ShapDependenceView::clear()
{
    setData({}, {}, {});
}

void ShapDependenceView::setShapLabel(const QString& label)
{
    m_shapLabel = label;
    update();
}

int ShapDependenceView::strongestInteraction(const Eigen::MatrixXd& shapValues, const Eigen::MatrixXd& featureValues,
                                             int feature)
{
    const Eigen::Index n = shapValues.rows(), p = shapValues.cols();
    if (feature < 0 || feature >= p || featureValues.rows() != n || featureValues.cols() != p || n < 2)
        return -1;
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](Eigen::Index a, Eigen::Index b) {
                         // Missing values first (rankKey), so the comparison stays a strict weak ordering.
                         return rankKey(featureValues(a, feature)) < rankKey(featureValues(b, feature));
                     });
    // shap: inc = max(min(n / 10, 50), 1).
    const Eigen::Index bin = std::max<Eigen::Index>(std::min<Eigen::Index>(n / 10, 50), 1);
    auto absCorrelation = [&](Eigen::Index from, Eigen::Index to, int other) {
        double ms = 0, mv = 0;
        Eigen::Index count = 0;
        for (Eigen::Index k = from; k < to; ++k) {
            const double s = shapValues(order[static_cast<std::size_t>(k)], feature);
            const double v = featureValues(order[static_cast<std::size_t>(k)], other);
            if (!std::isfinite(s) || !std::isfinite(v))
                continue;
            ms += s;
            mv += v;
            ++count;
        }
        if (count < 2)
            return 0.0;
        ms /= static_cast<double>(count);
        mv /= static_cast<double>(count);
        double sv = 0, ss = 0, vv = 0;
        for (Eigen::Index k = from; k < to; ++k) {
            const double s = shapValues(order[static_cast<std::size_t>(k)], feature);
            const double v = featureValues(order[static_cast<std::size_t>(k)], other);
            if (!std::isfinite(s) || !std::isfinite(v))
                continue;
            sv += (s - ms) * (v - mv);
            ss += (s - ms) * (s - ms);
            vv += (v - mv) * (v - mv);
        }
        // A constant bin says nothing (shap skips it too).
        return ss > 1e-300 && vv > 1e-300 ? std::abs(sv / std::sqrt(ss * vv)) : 0.0;
    };
    int best = -1;
    double bestScore = -1;
    for (int other = 0; other < p; ++other) {
        if (other == feature)
            continue;
        double score = 0;
        for (Eigen::Index from = 0; from < n; from += bin)
            score += absCorrelation(from, std::min(n, from + bin), other);
        if (score > bestScore) {
            bestScore = score;
            best = other;
        }
    }
    return best;
}

void ShapDependenceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (m_x.size() == 0) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("SHAP dependence plot\n(choose a feature)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());

    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (Eigen::Index i = 0; i < m_x.size(); ++i) {
        if (!std::isfinite(m_x[i]) || !std::isfinite(m_y[i]))
            continue;
        xlo = std::min(xlo, m_x[i]);
        xhi = std::max(xhi, m_x[i]);
        ylo = std::min(ylo, m_y[i]);
        yhi = std::max(yhi, m_y[i]);
    }
    if (!std::isfinite(xlo)) {
        xlo = ylo = 0;
        xhi = yhi = 1;
    }
    auto pad = [](double& lo, double& hi) {
        if (hi - lo < 1e-12) {
            lo -= 0.5;
            hi += 0.5;
        }
        const double d = (hi - lo) * 0.05;
        lo -= d;
        hi += d;
    };
    pad(xlo, xhi);
    pad(ylo, yhi);

    const bool coloured = m_c.size() > 0;
    const QString low = tr("Low"), high = tr("High");
    const double barArea = coloured ? colorBarWidth(painter, high, low, m_colourName) + 14 : 8;
    AxisScale y{ylo, yhi, 0, 1};
    const double left = leftAxisWidth(painter, y) + 4;
    const double top = fm.height() * 0.6, bottom = bottomAxisHeight(painter) + 4;
    const QRectF plot(left, top, std::max(40.0, width() - left - barArea), std::max(40.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{xlo, xhi, plot.left(), plot.right()};

    drawGrid(painter, plot, x, y, ink);
    painter.setPen(QPen(ink.axis, 1, Qt::DashLine));
    if (ylo < 0 && yhi > 0)
        painter.drawLine(QPointF(plot.left(), y.map(0)), QPointF(plot.right(), y.map(0)));

    // Colour by the second feature's 5th..95th percentile, as in the beeswarm.
    double clo = 0, chi = 1;
    if (coloured) {
        std::vector<double> c(m_c.data(), m_c.data() + m_c.size());
        clo = quantile(c, 0.05);
        chi = quantile(c, 0.95);
        if (!(chi > clo)) {
            clo = quantile(c, 0.0);
            chi = quantile(c, 1.0);
        }
    }
    const double r = std::clamp(fm.height() * 0.17, 2.2, 5.0);
    painter.setPen(Qt::NoPen);
    for (Eigen::Index i = 0; i < m_x.size(); ++i) {
        if (!std::isfinite(m_x[i]) || !std::isfinite(m_y[i]))
            continue;
        QColor col = ink.accent;
        if (coloured)
            col = std::isfinite(m_c[i]) ? featureValueColor(chi > clo ? (m_c[i] - clo) / (chi - clo) : 0.5)
                                        : missingValueColor();
        col.setAlphaF(0.8f);
        painter.setBrush(col);
        painter.drawEllipse(QPointF(x.map(m_x[i]), y.map(m_y[i])), r, r);
    }
    drawBottomAxis(painter, plot, x, m_featureName, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, y, m_shapLabel.isEmpty() ? tr("SHAP value for %1").arg(m_featureName) : m_shapLabel, ink);
    if (coloured) {
        const double barH = std::min(plot.height(), std::max(fm.height() * 4, plot.height() * 0.8));
        const QRectF bar(plot.right() + 10, plot.center().y() - barH / 2, std::max(8.0, fm.height() * 0.6), barH);
        drawColorBar(painter, bar, featureValueColor, high, low, m_colourName, ink);
    }
}

QString ShapDependenceView::toCsv() const
{
    QString out = csvField(m_featureName) + ",shap_value";
    if (m_c.size() > 0)
        out += ',' + csvField(m_colourName);
    out += '\n';
    for (Eigen::Index i = 0; i < m_x.size(); ++i) {
        out += QString::number(m_x[i], 'g', 10) + ',' + QString::number(m_y[i], 'g', 10);
        if (m_c.size() > 0)
            out += ',' + QString::number(m_c[i], 'g', 10);
        out += '\n';
    }
    return out;
}

}  // namespace dslab
