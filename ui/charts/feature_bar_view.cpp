#include "ui/charts/feature_bar_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace dslab {

FeatureBarView::FeatureBarView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Feature importance bars"));
    setMinimumSize(280, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FeatureBarView::setShapValues(const Eigen::MatrixXd& shapValues, const QStringList& featureNames)
{
    Eigen::VectorXd meanAbs;
    if (shapValues.size() > 0)
        meanAbs = shapValues.cwiseAbs().colwise().mean().transpose();
    m_axisLabel = tr("mean(|SHAP value|) (average impact on model output)");
    setAccessibleName(tr("Mean absolute SHAP value per feature"));
    setValues(Mode::Magnitude, meanAbs, {}, featureNames);
}

void FeatureBarView::setImportances(const Eigen::VectorXd& mean, const Eigen::VectorXd& stddev,
                                    const QStringList& featureNames)
{
    m_axisLabel = tr("drop in score when the feature is shuffled (mean ± std)");
    setAccessibleName(tr("Permutation importance per feature"));
    setValues(Mode::WithErrors, mean, stddev, featureNames);
}

void FeatureBarView::setWeights(const Eigen::VectorXd& weights, const QStringList& featureNames)
{
    m_axisLabel = tr("weight (pushes the prediction up > 0, down < 0)");
    setAccessibleName(tr("Feature weights"));
    setValues(Mode::Signed, weights, {}, featureNames);
}

void FeatureBarView::setValues(Mode mode, const Eigen::VectorXd& values, const Eigen::VectorXd& errors,
                               const QStringList& featureNames)
{
    m_mode = mode;
    m_values = values;
    m_errors = errors.size() == values.size() ? errors : Eigen::VectorXd::Zero(values.size());
    m_names = featureNames;
    while (m_names.size() < m_values.size())
        m_names.append(tr("feature %1").arg(m_names.size()));
    rebuildBars();
}

void FeatureBarView::clear()
{
    m_highlighted.clear();
    setValues(m_mode, {}, {}, {});
}

void FeatureBarView::setHighlighted(const std::vector<bool>& features)
{
    m_highlighted = features;
    update();
}

bool FeatureBarView::isHighlighted(int feature) const
{
    return feature >= 0 && static_cast<std::size_t>(feature) < m_highlighted.size()
           && m_highlighted[static_cast<std::size_t>(feature)];
}

void FeatureBarView::setMaxDisplay(int features)
{
    m_maxDisplay = features;
    rebuildBars();
}

void FeatureBarView::setAxisLabel(const QString& label)
{
    m_axisLabel = label;
    update();
}

void FeatureBarView::rebuildBars()
{
    m_bars.clear();
    m_order.clear();
    m_hidden = 0;
    const int p = static_cast<int>(m_values.size());
    std::vector<int> all(static_cast<std::size_t>(p));
    std::iota(all.begin(), all.end(), 0);
    // Signed weights rank by size regardless of sign; importances by value
    // (a negative permutation importance means "no better than noise").
    auto key = [&](int f) { return rankKey(m_mode == Mode::Signed ? std::abs(m_values[f]) : m_values[f]); };
    std::stable_sort(all.begin(), all.end(), [&](int a, int b) { return key(a) > key(b); });
    const bool group = m_mode != Mode::WithErrors;
    int shown = p;
    if (m_maxDisplay > 0 && m_maxDisplay < p)
        shown = group ? m_maxDisplay - 1 : m_maxDisplay;
    shown = std::max(std::min(p, 1), shown);
    m_order.assign(all.begin(), all.begin() + shown);
    for (int f : m_order)
        m_bars.push_back({m_names.value(f), m_values[f], m_errors[f]});
    if (shown < p) {
        if (group) {
            double sum = 0;
            for (auto it = all.begin() + shown; it != all.end(); ++it)
                sum += m_values[*it];
            m_bars.push_back({tr("Sum of %1 other features").arg(p - shown), sum, 0});
        } else {
            m_hidden = p - shown;
        }
    }
    update();
}

QStringList FeatureBarView::barLabels() const
{
    QStringList out;
    for (const auto& b : m_bars)
        out << b.label;
    return out;
}

std::vector<double> FeatureBarView::barValues() const
{
    std::vector<double> out;
    for (const auto& b : m_bars)
        out.push_back(b.value);
    return out;
}

void FeatureBarView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (m_bars.empty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Feature importance\n(nothing computed yet)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    const bool errors = m_mode == Mode::WithErrors;

    auto valueText = [&](const Bar& b) {
        QString s = (m_mode == Mode::Signed && b.value > 0 ? "+" : "") + formatNumber(b.value);
        if (errors)
            s += QString::fromUtf8(" ± ") + formatNumber(b.error, 2);
        return s;
    };
    double labelW = 0, textW = 0;
    for (const auto& b : m_bars) {
        labelW = std::max(labelW, fm.horizontalAdvance(b.label));
        textW = std::max(textW, fm.horizontalAdvance(valueText(b)));
    }
    labelW = std::min(labelW + 6, width() * 0.42);
    textW += 8;

    double lo = 0, hi = 0;
    for (const auto& b : m_bars) {
        lo = std::min(lo, b.value - (errors ? b.error : 0));
        hi = std::max(hi, b.value + (errors ? b.error : 0));
    }
    if (hi - lo < 1e-12)
        hi = lo + 1;
    const double noteH = m_hidden > 0 ? fm.height() : 0;
    const QRectF plot(labelW + 8, fm.height() * 0.5, std::max(40.0, width() - labelW - 16),
                      std::max(20.0, height() - fm.height() * 2.5 - 12 - noteH));
    // The printed values need room past the bar ends: on the right for
    // positive bars, on the left for negative ones.
    // Importances print every value on the right (a negative importance is
    // a small "no better than noise"); signed weights print on their side.
    const bool signedLayout = m_mode == Mode::Signed;
    const double padLeft = signedLayout && lo < 0 ? textW : 0, padRight = hi > 0 || !signedLayout ? textW : 0;
    const double x0 = plot.left() + padLeft, x1 = std::max(x0 + 10, plot.right() - padRight);
    auto toX = [&](double v) { return x0 + (v - lo) / (hi - lo) * (x1 - x0); };

    const auto rows = static_cast<int>(m_bars.size());
    const double pitch = plot.height() / rows;
    const double barH = std::min(pitch * 0.7, fm.height() * 1.5);
    for (int r = 0; r < rows; ++r) {
        const Bar& b = m_bars[static_cast<std::size_t>(r)];
        const double cy = plot.top() + (r + 0.5) * pitch;
        const bool grouped = r == rows - 1 && rows > static_cast<int>(m_order.size());
        QColor fill = m_mode == Mode::Signed ? (b.value >= 0 ? ink.positive : ink.negative)
                                             : (errors ? ink.accent : ink.positive);
        if (grouped)
            fill.setAlphaF(0.55f);
        // With marks, the chosen features stand out and the rest recede.
        if (!m_highlighted.empty() && !grouped) {
            fill = isHighlighted(m_order[static_cast<std::size_t>(r)]) ? ink.accent : ink.mutedText;
            if (!isHighlighted(m_order[static_cast<std::size_t>(r)]))
                fill.setAlphaF(0.45f);
        }
        const double xa = toX(0), xb = toX(b.value);
        painter.fillRect(QRectF(std::min(xa, xb), cy - barH / 2, std::abs(xb - xa), barH), fill);
        if (errors && b.error > 0) {
            painter.setPen(QPen(ink.text, 1.5));
            const double el = toX(b.value - b.error), er = toX(b.value + b.error), cap = barH * 0.3;
            painter.drawLine(QPointF(el, cy), QPointF(er, cy));
            painter.drawLine(QPointF(el, cy - cap), QPointF(el, cy + cap));
            painter.drawLine(QPointF(er, cy - cap), QPointF(er, cy + cap));
        }
        painter.setPen(ink.text);
        painter.drawText(QRectF(2, cy - pitch / 2, labelW + 2, pitch), Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(b.label, Qt::ElideRight, labelW));
        const double end = errors ? (b.value >= 0 ? toX(b.value + b.error) : toX(b.value - b.error)) : xb;
        const QString text = valueText(b);
        if (!signedLayout) {
            const double from = std::max({end, xa, xb});
            painter.drawText(QRectF(from + 4, cy - pitch / 2, textW, pitch), Qt::AlignLeft | Qt::AlignVCenter, text);
        } else if (b.value >= 0)
            painter.drawText(QRectF(end + 4, cy - pitch / 2, textW, pitch), Qt::AlignLeft | Qt::AlignVCenter, text);
        else
            painter.drawText(QRectF(end - 4 - textW, cy - pitch / 2, textW, pitch), Qt::AlignRight | Qt::AlignVCenter, text);
    }
    // Zero line and x axis.
    painter.setPen(QPen(ink.axis, 1));
    painter.drawLine(QPointF(toX(0), plot.top()), QPointF(toX(0), plot.bottom()));
    const QRectF axisPlot(x0, plot.top(), x1 - x0, plot.height());
    drawBottomAxis(painter, axisPlot, AxisScale{lo, hi, x0, x1}, m_axisLabel, ink, QRectF(rect()).adjusted(2, 0, -2, 0));
    if (m_hidden > 0) {
        painter.setPen(ink.mutedText);
        painter.drawText(QRectF(plot.left(), plot.bottom() + 10 + 2 * fm.height(), plot.width(), fm.height() + 2),
                         Qt::AlignCenter, tr("%n more feature(s) not shown", nullptr, m_hidden));
    }
}

QString FeatureBarView::toCsv() const
{
    QString out = m_mode == Mode::WithErrors ? QStringLiteral("feature,mean,std\n") : QStringLiteral("feature,value\n");
    // Every feature, in the displayed order, not only the bars shown.
    std::vector<int> all(static_cast<std::size_t>(m_values.size()));
    std::iota(all.begin(), all.end(), 0);
    auto key = [&](int f) { return rankKey(m_mode == Mode::Signed ? std::abs(m_values[f]) : m_values[f]); };
    std::stable_sort(all.begin(), all.end(), [&](int a, int b) { return key(a) > key(b); });
    for (int f : all) {
        out += csvField(m_names.value(f)) + ',' + QString::number(m_values[f], 'g', 10);
        if (m_mode == Mode::WithErrors)
            out += ',' + QString::number(m_errors[f], 'g', 10);
        out += '\n';
    }
    return out;
}

}  // namespace dslab
