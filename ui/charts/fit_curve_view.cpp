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
    const double top = fm.height() * 1.6;  // the legend's row
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
    const QColor trainColour = classColor(0), testColour = classColor(1), fitColour = ink.positive;
    // Thin fits first, so the points and the average stay visible above them.
    const int spread = spreadCount();
    if (spread > 0) {
        QColor thin = ink.accent;
        thin.setAlphaF(spread > 40 ? 0.25f : 0.4f);
        painter.setPen(QPen(thin, 1));
        painter.setBrush(Qt::NoBrush);
        for (int k = 0; k < spread; ++k)
            painter.drawPath(curve([&](Eigen::Index i) { return m_spread(i, k); }));
    }
    const double r = std::max(2.5, fm.height() * 0.2);
    painter.setPen(QPen(testColour, 1.2));
    painter.setBrush(Qt::NoBrush);
    for (Eigen::Index i = 0; i < std::min(m_testX.size(), m_testY.size()); ++i)
        painter.drawEllipse(QPointF(x.map(m_testX[i]), y.map(m_testY[i])), r * 0.8, r * 0.8);
    painter.setPen(QPen(ink.background, 0.8));
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

    // Legend in one row above the plot.
    const double cy = fm.height() * 0.75;
    double at = plot.left();
    auto entry = [&](const QString& text, auto&& drawSwatch) {
        const double sw = fm.height() * 1.2;
        if (at + sw + 4 + fm.horizontalAdvance(text) > width() - 4)
            return;
        drawSwatch(QRectF(at, cy - fm.height() / 2, sw, fm.height()));
        painter.setPen(ink.text);
        painter.drawText(QPointF(at + sw + 4, cy + fm.ascent() / 2 - 1), text);
        at += sw + 4 + fm.horizontalAdvance(text) + 12;
    };
    entry(tr("train"), [&](const QRectF& s) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(trainColour);
        painter.drawEllipse(s.center(), r, r);
        painter.setBrush(Qt::NoBrush);
    });
    if (m_testX.size() > 0)
        entry(tr("test"), [&](const QRectF& s) {
            painter.setPen(QPen(testColour, 1.2));
            painter.drawEllipse(s.center(), r * 0.8, r * 0.8);
        });
    if (m_truth.size() > 0)
        entry(tr("truth sin(x)"), [&](const QRectF& s) {
            painter.setPen(QPen(ink.text, 1.6, Qt::DashLine));
            painter.drawLine(QPointF(s.left(), s.center().y()), QPointF(s.right(), s.center().y()));
        });
    if (hasFit())
        entry(m_fitLabel, [&](const QRectF& s) {
            painter.setPen(QPen(fitColour, 3));
            painter.drawLine(QPointF(s.left(), s.center().y()), QPointF(s.right(), s.center().y()));
        });
    if (spread > 0)
        entry(tr("%1 bootstrap fits").arg(spread), [&](const QRectF& s) {
            QColor thin = ink.accent;
            thin.setAlphaF(0.6f);
            painter.setPen(QPen(thin, 1.5));
            painter.drawLine(QPointF(s.left(), s.center().y()), QPointF(s.right(), s.center().y()));
        });
}

}  // namespace dslab
