#include "ui/charts/score_heatmap_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <vector>

namespace dslab {

ScoreHeatmapView::ScoreHeatmapView(QWidget* parent) : ChartWidget(parent), m_scoreLabel(tr("validation score"))
{
    setAccessibleName(tr("Validation score over two hyperparameters"));
    setMinimumSize(300, 240);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ScoreHeatmapView::setGrid(const Eigen::VectorXd& xValues, const Eigen::VectorXd& yValues,
                               const Eigen::MatrixXd& scores)
{
    const bool fits = scores.rows() == yValues.size() && scores.cols() == xValues.size();
    m_x = fits ? xValues : Eigen::VectorXd();
    m_y = fits ? yValues : Eigen::VectorXd();
    m_scores = fits ? scores : Eigen::MatrixXd();
    updateScoreRange();
}

void ScoreHeatmapView::setTrials(const QVector<Trial>& trials)
{
    m_trials = trials;
    updateScoreRange();
}

void ScoreHeatmapView::clear()
{
    m_trials.clear();
    setGrid({}, {}, {});
}

void ScoreHeatmapView::setAxisNames(const QString& xName, const QString& yName)
{
    m_xName = xName;
    m_yName = yName;
    update();
}

void ScoreHeatmapView::setLogAxes(bool logX, bool logY)
{
    m_requestLogX = logX;
    m_requestLogY = logY;
    update();
}

void ScoreHeatmapView::setScoreLabel(const QString& label)
{
    m_scoreLabel = label;
    update();
}

void ScoreHeatmapView::setHigherIsBetter(bool higher)
{
    m_higherIsBetter = higher;
    update();
}

void ScoreHeatmapView::setShowSearchPath(bool on)
{
    m_showPath = on;
    update();
}

void ScoreHeatmapView::updateScoreRange()
{
    double lo = INFINITY, hi = -INFINITY;
    for (Eigen::Index i = 0; i < m_scores.size(); ++i)
        if (std::isfinite(m_scores.data()[i])) {
            lo = std::min(lo, m_scores.data()[i]);
            hi = std::max(hi, m_scores.data()[i]);
        }
    for (const Trial& t : m_trials)
        if (std::isfinite(t.score)) {
            lo = std::min(lo, t.score);
            hi = std::max(hi, t.score);
        }
    m_scoreLo = std::isfinite(lo) ? lo : 0;
    m_scoreHi = std::isfinite(hi) ? hi : 1;
    update();
}

double ScoreHeatmapView::colorScalePosition(double score) const
{
    if (!std::isfinite(score))
        return std::nan("");
    if (!(m_scoreHi > m_scoreLo))
        return 1.0;
    const double t = std::clamp((score - m_scoreLo) / (m_scoreHi - m_scoreLo), 0.0, 1.0);
    return m_higherIsBetter ? t : 1 - t;
}

QColor ScoreHeatmapView::colorForScore(double score) const
{
    return scoreColor(colorScalePosition(score));
}

QPoint ScoreHeatmapView::bestCell() const
{
    QPoint best(-1, -1);
    double bestPos = -1;
    for (Eigen::Index r = 0; r < m_scores.rows(); ++r)
        for (Eigen::Index c = 0; c < m_scores.cols(); ++c) {
            const double t = colorScalePosition(m_scores(r, c));
            if (std::isfinite(t) && t > bestPos) {
                bestPos = t;
                best = QPoint(static_cast<int>(c), static_cast<int>(r));
            }
        }
    return best;
}

int ScoreHeatmapView::bestTrial() const
{
    int best = -1;
    double bestPos = -1;
    for (int i = 0; i < m_trials.size(); ++i) {
        const double t = colorScalePosition(m_trials[i].score);
        if (std::isfinite(t) && t > bestPos) {
            bestPos = t;
            best = i;
        }
    }
    return best;
}

std::vector<double> ScoreHeatmapView::edges(const Eigen::VectorXd& values, bool log) const
{
    // Cell edges halfway between grid values (geometrically on a log axis).
    const Eigen::Index n = values.size();
    std::vector<double> e(static_cast<std::size_t>(n + 1));
    if (n == 0)
        return {};
    auto mid = [&](double a, double b) { return log ? std::sqrt(a * b) : (a + b) / 2; };
    for (Eigen::Index k = 1; k < n; ++k)
        e[static_cast<std::size_t>(k)] = mid(values[k - 1], values[k]);
    if (n == 1) {
        e[0] = log ? values[0] / 2 : values[0] - 0.5;
        e[1] = log ? values[0] * 2 : values[0] + 0.5;
    } else if (log) {
        e[0] = values[0] * values[0] / e[1];
        e[static_cast<std::size_t>(n)] = values[n - 1] * values[n - 1] / e[static_cast<std::size_t>(n - 1)];
    } else {
        e[0] = 2 * values[0] - e[1];
        e[static_cast<std::size_t>(n)] = 2 * values[n - 1] - e[static_cast<std::size_t>(n - 1)];
    }
    return e;
}

bool ScoreHeatmapView::logX() const
{
    if (!m_requestLogX)
        return false;
    for (Eigen::Index i = 0; i < m_x.size(); ++i)
        if (!(m_x[i] > 0))
            return false;
    return std::all_of(m_trials.begin(), m_trials.end(), [](const Trial& t) { return t.x > 0; });
}

bool ScoreHeatmapView::logY() const
{
    if (!m_requestLogY)
        return false;
    for (Eigen::Index i = 0; i < m_y.size(); ++i)
        if (!(m_y[i] > 0))
            return false;
    return std::all_of(m_trials.begin(), m_trials.end(), [](const Trial& t) { return t.y > 0; });
}

ScoreHeatmapView::Frame ScoreHeatmapView::frame() const
{
    Frame f;
    auto range = [&](const Eigen::VectorXd& grid, bool log, bool isX, double& lo, double& hi) {
        lo = INFINITY;
        hi = -INFINITY;
        const std::vector<double> e = edges(grid, log);
        if (!e.empty()) {
            lo = std::min(e.front(), e.back());
            hi = std::max(e.front(), e.back());
        }
        bool fromTrials = e.empty();
        for (const Trial& t : m_trials) {
            const double v = isX ? t.x : t.y;
            if (std::isfinite(v) && (!log || v > 0)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        if (!std::isfinite(lo)) {
            lo = log ? 0.1 : 0;
            hi = log ? 10 : 1;
        }
        if (fromTrials || hi <= lo) {
            // Trials only: leave room for the markers at the edges.
            if (log) {
                const double span = hi > lo ? std::pow(hi / lo, 0.06) : 2;
                lo /= span;
                hi *= span;
            } else {
                const double span = hi > lo ? (hi - lo) * 0.06 : 0.5;
                lo -= span;
                hi += span;
            }
        }
    };
    range(m_x, logX(), true, f.xlo, f.xhi);
    range(m_y, logY(), false, f.ylo, f.yhi);

    const QFontMetricsF fm(font());
    const QString top = formatNumber(m_higherIsBetter ? m_scoreHi : m_scoreLo);
    const QString bottom = formatNumber(m_higherIsBetter ? m_scoreLo : m_scoreHi);
    const double barArea = std::max(8.0, fm.height() * 0.6) + 4
        + std::max(fm.horizontalAdvance(top + " " + tr("(best)")), fm.horizontalAdvance(bottom)) + fm.height() + 4 + 18;
    double tickW = 0;
    const AxisScale y{f.ylo, f.yhi, 0, 1, logY()};
    for (double t : y.ticks(8))
        tickW = std::max(tickW, fm.horizontalAdvance(formatNumber(t)));
    const double left = tickW + 8 + fm.height() + 8;
    const double topMargin = fm.height() * 0.8, bottomMargin = fm.height() * 2 + 16;
    f.plot = QRectF(left, topMargin, std::max(40.0, width() - left - barArea),
                    std::max(40.0, height() - topMargin - bottomMargin));
    return f;
}

QPointF ScoreHeatmapView::mapToWidget(double x, double y) const
{
    const Frame f = frame();
    const AxisScale sx{f.xlo, f.xhi, f.plot.left(), f.plot.right(), logX()};
    const AxisScale sy{f.ylo, f.yhi, f.plot.bottom(), f.plot.top(), logY()};
    return QPointF(sx.map(x), sy.map(y));
}

QRectF ScoreHeatmapView::cellRect(int row, int column) const
{
    const std::vector<double> ex = edges(m_x, logX()), ey = edges(m_y, logY());
    if (row < 0 || column < 0 || row >= m_y.size() || column >= m_x.size())
        return {};
    const auto c = static_cast<std::size_t>(column), r = static_cast<std::size_t>(row);
    return QRectF(mapToWidget(ex[c], ey[r + 1]), mapToWidget(ex[c + 1], ey[r])).normalized();
}

void ScoreHeatmapView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Hyperparameter search\n(run a search to see scores)"));
        return;
    }
    const QFontMetricsF fm(font());
    const Frame f = frame();
    const QRectF plot = f.plot;
    const AxisScale sx{f.xlo, f.xhi, plot.left(), plot.right(), logX()};
    const AxisScale sy{f.ylo, f.yhi, plot.bottom(), plot.top(), logY()};

    // Cells not evaluated keep a faint hatch, so "not tried" differs from "bad".
    painter.fillRect(plot, QBrush(ink.grid, Qt::BDiagPattern));
    for (int r = 0; r < m_scores.rows(); ++r)
        for (int c = 0; c < m_scores.cols(); ++c)
            if (std::isfinite(m_scores(r, c)))
                painter.fillRect(cellRect(r, c).adjusted(-0.5, -0.5, 0.5, 0.5), colorForScore(m_scores(r, c)));
    const QPoint best = bestCell();
    painter.setRenderHint(QPainter::Antialiasing);
    if (best.x() >= 0) {
        painter.setPen(QPen(ink.dark ? Qt::white : Qt::black, 2.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(best.y(), best.x()).adjusted(1.5, 1.5, -1.5, -1.5));
    }

    // The search's trials, numbered in order.
    if (!m_trials.isEmpty()) {
        if (m_showPath && m_trials.size() > 1) {
            QPainterPath path;
            for (int i = 0; i < m_trials.size(); ++i) {
                const QPointF q(sx.map(m_trials[i].x), sy.map(m_trials[i].y));
                if (i == 0)
                    path.moveTo(q);
                else
                    path.lineTo(q);
            }
            QColor line = ink.text;
            line.setAlphaF(0.45f);
            painter.setPen(QPen(line, 1.2, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(path);
        }
        // Numbers only while they fit; beyond ~60 trials they would be noise.
        const bool numbered = m_trials.size() <= 60;
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.78);
        const QFontMetricsF sfm(small);
        const double r = numbered ? std::max(sfm.horizontalAdvance(QString::number(m_trials.size())) / 2 + 4,
                                             sfm.height() / 2 + 2)
                                  : std::max(3.0, fm.height() * 0.2);
        const int bestIndex = bestTrial();
        painter.setFont(small);
        // The best trial last, so a later neighbour never hides it.
        QVector<int> drawOrder;
        for (int i = 0; i < m_trials.size(); ++i)
            if (i != bestIndex)
                drawOrder.push_back(i);
        if (bestIndex >= 0)
            drawOrder.push_back(bestIndex);
        for (int i : drawOrder) {
            const Trial& t = m_trials[i];
            const QPointF q(sx.map(t.x), sy.map(t.y));
            const QColor fill = std::isfinite(t.score) ? colorForScore(t.score) : ink.background;
            const QColor outline = i == bestIndex ? ink.positive : QColor(ink.dark ? Qt::white : Qt::black);
            painter.setPen(QPen(outline, i == bestIndex ? 3 : 1.2));
            painter.setBrush(fill);
            painter.drawEllipse(q, r, r);
            if (numbered) {
                // Perceived brightness, not HSL lightness: viridis yellow is bright.
                const double luma = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue();
                painter.setPen(luma > 140 ? Qt::black : Qt::white);
                painter.drawText(QRectF(q.x() - r, q.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(i + 1));
            }
        }
        painter.setFont(font());
    }

    painter.setPen(QPen(ink.axis, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    drawBottomAxis(painter, plot, sx, m_xName + (logX() ? tr(" (log scale)") : QString()), ink, QRectF(rect()));
    drawLeftAxis(painter, plot, sy, m_yName + (logY() ? tr(" (log scale)") : QString()), ink);

    // Colour bar: best at the top whichever way the score runs.
    const double barH = std::min(plot.height(), std::max(fm.height() * 4, plot.height() * 0.85));
    const QRectF bar(plot.right() + 14, plot.center().y() - barH / 2, std::max(8.0, fm.height() * 0.6), barH);
    const QString top = formatNumber(m_higherIsBetter ? m_scoreHi : m_scoreLo) + " " + tr("(best)");
    const QString bottom = formatNumber(m_higherIsBetter ? m_scoreLo : m_scoreHi);
    drawColorBar(painter, bar, scoreColor, top, bottom, m_scoreLabel, ink);
}

QString ScoreHeatmapView::toCsv() const
{
    QString out = QStringLiteral("kind,order,%1,%2,score\n")
                      .arg(csvField(m_xName.isEmpty() ? QStringLiteral("x") : m_xName),
                           csvField(m_yName.isEmpty() ? QStringLiteral("y") : m_yName));
    for (Eigen::Index r = 0; r < m_scores.rows(); ++r)
        for (Eigen::Index c = 0; c < m_scores.cols(); ++c)
            out += QStringLiteral("grid,,%1,%2,%3\n")
                       .arg(QString::number(m_x[c], 'g', 10), QString::number(m_y[r], 'g', 10),
                            std::isfinite(m_scores(r, c)) ? QString::number(m_scores(r, c), 'g', 10) : QString());
    for (int i = 0; i < m_trials.size(); ++i)
        out += QStringLiteral("trial,%1,%2,%3,%4\n")
                   .arg(QString::number(i + 1), QString::number(m_trials[i].x, 'g', 10),
                        QString::number(m_trials[i].y, 'g', 10),
                        std::isfinite(m_trials[i].score) ? QString::number(m_trials[i].score, 'g', 10) : QString());
    return out;
}

}  // namespace dslab
