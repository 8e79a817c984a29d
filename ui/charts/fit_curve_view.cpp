#include "ui/charts/fit_curve_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

FitCurveView::FitCurveView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Data and fitted curve"));
    setMinimumSize(260, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FitCurveView::setPoints(const Eigen::VectorXd& trainX, const Eigen::VectorXd& trainY,
                             const Eigen::VectorXd& testX, const Eigen::VectorXd& testY)
{
    m_trainX = trainX;
    m_trainY = trainY;
    m_testX = testX;
    m_testY = testY;
    update();
}

void FitCurveView::setGrid(const Eigen::VectorXd& grid)
{
    m_grid = grid;
    update();
}

void FitCurveView::setTruth(const Eigen::VectorXd& truth)
{
    m_truth = truth;
    update();
}

void FitCurveView::setFit(const Eigen::VectorXd& fit, const QString& label)
{
    m_fit = fit;
    m_fitLabel = label;
    update();
}

void FitCurveView::setSpread(const Eigen::MatrixXd& fits)
{
    m_spread = fits;
    update();
}

void FitCurveView::setYRange(double lo, double hi)
{
    if (hi > lo) {
        m_yLo = lo;
        m_yHi = hi;
    }
    update();
}

void FitCurveView::setAxisTitles(const QString& x, const QString& y)
{
    m_xTitle = x;
    m_yTitle = y;
    update();
}

void FitCurveView::clearCurves()
{
    m_fit.resize(0);
    m_spread.resize(0, 0);
    update();
}

QString FitCurveView::toCsv() const
{
    QString csv = "x,truth,fit";
    for (int k = 0; k < spreadCount(); ++k)
        csv += QString(",fit_%1").arg(k + 1);
    csv += '\n';
    for (Eigen::Index i = 0; i < m_grid.size(); ++i) {
        csv += QString::number(m_grid[i], 'g', 10) + ',';
        csv += (i < m_truth.size() ? QString::number(m_truth[i], 'g', 10) : QString()) + ',';
        csv += hasFit() ? QString::number(m_fit[i], 'g', 10) : QString();
        for (int k = 0; k < spreadCount(); ++k)
            csv += ',' + QString::number(m_spread(i, k), 'g', 10);
        csv += '\n';
    }
    return csv;
}

void FitCurveView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Data and fitted curve\n(press Train)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    double xlo = m_grid.size() ? m_grid.minCoeff() : m_trainX.minCoeff();
    double xhi = m_grid.size() ? m_grid.maxCoeff() : m_trainX.maxCoeff();
    if (xhi - xlo < 1e-9)
        xhi = xlo + 1;
    AxisScale y{m_yLo, m_yHi, 0, 1};
    const double left = leftAxisWidth(painter, y) + 4;
    // The legend's entries, laid out in as many rows above the plot as the width needs.
    const QColor trainColour = classColor(0), testColour = classColor(1), fitColour = ink.positive;
    const int spread = spreadCount();
    enum class Swatch { Train, Test, Truth, Fit, Spread };
    QList<QPair<Swatch, QString>> entries{{Swatch::Train, tr("train")}};
    if (m_testX.size() > 0)
        entries.append({Swatch::Test, tr("test")});
    if (m_truth.size() > 0)
        entries.append({Swatch::Truth, tr("truth sin(x)")});
    if (hasFit())
        entries.append({Swatch::Fit, m_fitLabel});
    if (spread > 0)
        entries.append({Swatch::Spread, tr("%1 bootstrap fits").arg(spread)});
    const double swatchWidth = fm.height() * 1.2;
    QList<QPointF> entryAt;
    {
        double at = 0, row = 0;
        for (const auto& e : entries) {
            const double w = swatchWidth + 4 + fm.horizontalAdvance(e.second);
            if (at > 0 && at + w > width() - 50) {
                at = 0;
                row += 1;
            }
            entryAt.append(QPointF(at, row));
            at += w + 12;
        }
    }
    const double legendRows = entryAt.isEmpty() ? 0 : entryAt.back().y() + 1;
    const double top = fm.height() * (0.4 + 1.2 * legendRows);
    const double bottom = bottomAxisHeight(painter) + 4;
    const QRectF plot(left, top, std::max(40.0, width() - left - 12), std::max(40.0, height() - top - bottom));
    y.p0 = plot.bottom();
    y.p1 = plot.top();
    const AxisScale x{xlo, xhi, plot.left(), plot.right()};
    drawGrid(painter, plot, x, y, ink);

    painter.save();
    painter.setClipRect(plot);
    auto curve = [&](auto&& valueAt) {
        QPainterPath path;
        bool open = false;
        for (Eigen::Index k = 0; k < m_grid.size(); ++k) {
            const double v = valueAt(k);
            if (!std::isfinite(v)) {
                open = false;
                continue;
            }
            // Far-off values are pinned just outside the plot: the clip cuts them and Qt's path stays sane.
            const double span = m_yHi - m_yLo;
            const QPointF q(x.map(m_grid[k]), y.map(std::clamp(v, m_yLo - span, m_yHi + span)));
            if (!open)
                path.moveTo(q);
            else
                path.lineTo(q);
            open = true;
        }
        return path;
    };
    // Thin fits first, so the points and the average stay visible above them.
    if (spread > 0) {
        QColor thin = ink.accent;
        thin.setAlphaF(spread > 40 ? 0.25f : 0.4f);
        painter.setPen(QPen(thin, 1));
        painter.setBrush(Qt::NoBrush);
        for (int k = 0; k < spread; ++k)
            painter.drawPath(curve([&](Eigen::Index i) { return m_spread(i, k); }));
    }
    const double r = std::max(3.0, fm.height() * 0.24);
    // At most ~150 test points, faint, so the few training points stand out.
    QColor faintTest = testColour;
    faintTest.setAlphaF(0.7f);
    painter.setPen(QPen(faintTest, 1.0));
    painter.setBrush(Qt::NoBrush);
    const Eigen::Index tests = std::min(m_testX.size(), m_testY.size());
    const Eigen::Index stride = std::max<Eigen::Index>(1, tests / 150);
    for (Eigen::Index i = 0; i < tests; i += stride)
        painter.drawEllipse(QPointF(x.map(m_testX[i]), y.map(m_testY[i])), r * 0.6, r * 0.6);
    painter.setPen(QPen(ink.text, 0.8));
    painter.setBrush(trainColour);
    for (Eigen::Index i = 0; i < std::min(m_trainX.size(), m_trainY.size()); ++i)
        painter.drawEllipse(QPointF(x.map(m_trainX[i]), y.map(m_trainY[i])), r, r);
    painter.setBrush(Qt::NoBrush);
    if (m_truth.size() == m_grid.size() && m_grid.size() > 0) {
        painter.setPen(QPen(ink.text, 1.6, Qt::DashLine));
        painter.drawPath(curve([&](Eigen::Index i) { return m_truth[i]; }));
    }
    if (hasFit()) {
        painter.setPen(QPen(fitColour, std::max(2.5, fm.height() * 0.18), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(curve([&](Eigen::Index i) { return m_fit[i]; }));
    }
    painter.restore();
    drawBottomAxis(painter, plot, x, m_xTitle, ink, QRectF(rect()));
    drawLeftAxis(painter, plot, y, m_yTitle, ink);

    // Legend rows above the plot.
    for (int k = 0; k < entries.size(); ++k) {
        const double left0 = plot.left() + entryAt[k].x();
        const double cy = fm.height() * (0.2 + 1.2 * entryAt[k].y()) + fm.height() / 2;
        const QRectF sw(left0, cy - fm.height() / 2, swatchWidth, fm.height());
        const QPointF a(sw.left(), cy), b(sw.right(), cy);
        switch (entries[k].first) {
        case Swatch::Train:
            painter.setPen(QPen(ink.text, 0.8));
            painter.setBrush(trainColour);
            painter.drawEllipse(sw.center(), r, r);
            painter.setBrush(Qt::NoBrush);
            break;
        case Swatch::Test:
            painter.setPen(QPen(testColour, 1.0));
            painter.drawEllipse(sw.center(), r * 0.6, r * 0.6);
            break;
        case Swatch::Truth:
            painter.setPen(QPen(ink.text, 1.6, Qt::DashLine));
            painter.drawLine(a, b);
            break;
        case Swatch::Fit:
            painter.setPen(QPen(fitColour, 3));
            painter.drawLine(a, b);
            break;
        case Swatch::Spread: {
            QColor thin = ink.accent;
            thin.setAlphaF(0.6f);
            painter.setPen(QPen(thin, 1.5));
            painter.drawLine(a, b);
            break;
        }
        }
        painter.setPen(ink.text);
        painter.drawText(QPointF(sw.right() + 4, cy + fm.ascent() / 2 - 1), entries[k].second);
    }
}

}  // namespace dslab
