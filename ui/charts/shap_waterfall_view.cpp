#include "ui/charts/shap_waterfall_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace dslab {

ShapWaterfallView::ShapWaterfallView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("SHAP waterfall for one prediction"));
    setAccessibleDescription(tr("From the expected model output, each feature's SHAP value moves the output up (red) "
                                "or down (blue) until it reaches this prediction."));
    setMinimumSize(300, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ShapWaterfallView::setExplanation(double expectedValue, const Eigen::VectorXd& shapValues,
                                       const Eigen::VectorXd& featureValues, const QStringList& featureNames)
{
    m_expected = expectedValue;
    m_shap = shapValues;
    m_values = featureValues.size() == shapValues.size() ? featureValues : Eigen::VectorXd();
    m_names = featureNames;
    while (m_names.size() < m_shap.size())
        m_names.append(tr("feature %1").arg(m_names.size()));
    rebuildSteps();
}

void ShapWaterfallView::clear()
{
    setExplanation(0, {}, {}, {});
}

void ShapWaterfallView::setMaxDisplay(int features)
{
    m_maxDisplay = features;
    rebuildSteps();
}

void ShapWaterfallView::setUnitsLabel(const QString& units)
{
    m_units = units;
    update();
}

void ShapWaterfallView::rebuildSteps()
{
    m_steps.clear();
    const int p = static_cast<int>(m_shap.size());
    std::vector<int> order(static_cast<std::size_t>(p));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return rankKey(std::abs(m_shap[a])) > rankKey(std::abs(m_shap[b])); });
    // One leftover feature gets its own row rather than a group of one.
    const int shown = (m_maxDisplay <= 0 || m_maxDisplay >= p) ? p : m_maxDisplay - 1;
    // Built bottom-up: the grouped rest first (closest to E[f(X)]), then the
    // shown features from the smallest to the largest.
    // A missing (NaN) SHAP value counts as no contribution rather than
    // turning every later step into NaN.
    auto contribution = [&](int f) { return std::isfinite(m_shap[f]) ? m_shap[f] : 0.0; };
    double at = m_expected;
    if (shown < p) {
        double rest = 0;
        for (int k = shown; k < p; ++k)
            rest += contribution(order[static_cast<std::size_t>(k)]);
        m_steps.push_back({tr("Sum of %1 other features").arg(p - shown), at, at + rest});
        at += rest;
    }
    for (int k = shown - 1; k >= 0; --k) {
        const int f = order[static_cast<std::size_t>(k)];
        QString label = m_names.value(f);
        if (m_values.size() > 0)
            label += " = " + formatNumber(m_values[f], 3);
        m_steps.push_back({label, at, at + contribution(f)});
        at += contribution(f);
    }
    update();
}

void ShapWaterfallView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (m_steps.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("SHAP waterfall\n(pick a sample to explain)"));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    auto signedText = [](double v) { return (v > 0 ? "+" : "") + formatNumber(v); };

    double labelW = 0, textW = 0, lo = m_expected, hi = m_expected;
    for (const auto& s : m_steps) {
        labelW = std::max(labelW, fm.horizontalAdvance(s.label));
        textW = std::max(textW, fm.horizontalAdvance(signedText(s.end - s.start)));
        lo = std::min({lo, s.start, s.end});
        hi = std::max({hi, s.start, s.end});
    }
    if (hi - lo < 1e-12) {
        lo -= 0.5;
        hi += 0.5;
    }
    labelW = std::min(labelW + 6, width() * 0.4);
    textW += 8;
    // Top: room for "f(x) = ..."; bottom: ticks, "E[f(X)] = ..." and the title.
    const double top = fm.height() * 1.6 + 4;
    const double bottom = fm.height() * 3 + 16;
    const QRectF plot(labelW + 8, top, std::max(40.0, width() - labelW - 16), std::max(20.0, height() - top - bottom));
    // Values that do not fit inside an arrow are printed beside it, so keep a
    // text's width free on both sides.
    AxisScale x{lo, hi, plot.left() + textW, std::max(plot.left() + textW + 10, plot.right() - textW)};

    const auto rows = static_cast<int>(m_steps.size());
    const double pitch = plot.height() / rows;
    const double barH = std::min(pitch * 0.72, fm.height() * 1.5);
    // Rows are drawn top to bottom: the last step (largest) at the top.
    auto rowCentre = [&](int stepIndex) { return plot.top() + (rows - 1 - stepIndex + 0.5) * pitch; };

    painter.setPen(QPen(ink.grid, 1, Qt::DashLine));
    for (int i = 0; i < rows; ++i)
        painter.drawLine(QPointF(plot.left(), rowCentre(i)), QPointF(x.p0, rowCentre(i)));

    // Dashed guides from the axis up to E[f(X)] and from the top row to f(x).
    painter.setPen(QPen(ink.axis, 1, Qt::DashLine));
    const double xe = x.map(m_expected), xf = x.map(prediction());
    painter.drawLine(QPointF(xe, plot.bottom()), QPointF(xe, rowCentre(0) + barH / 2));
    painter.drawLine(QPointF(xf, plot.top() - 2), QPointF(xf, rowCentre(rows - 1) - barH / 2));

    for (int i = 0; i < rows; ++i) {
        const Step& s = m_steps[i];
        const double cy = rowCentre(i);
        const double xa = x.map(s.start), xb = x.map(s.end);
        const double value = s.end - s.start;
        const QColor fill = value >= 0 ? ink.positive : ink.negative;
        // An arrow pointing the way the feature moves the output.
        const double dir = value >= 0 ? 1 : -1;
        const double tip = std::min(std::abs(xb - xa), barH * 0.45);
        QPainterPath arrow;
        arrow.moveTo(xa, cy - barH / 2);
        arrow.lineTo(xb - dir * tip, cy - barH / 2);
        arrow.lineTo(xb, cy);
        arrow.lineTo(xb - dir * tip, cy + barH / 2);
        arrow.lineTo(xa, cy + barH / 2);
        arrow.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawPath(arrow);
        // Connector to the next row's start.
        if (i + 1 < rows) {
            painter.setPen(QPen(ink.axis, 1));
            painter.drawLine(QPointF(xb, cy - barH / 2), QPointF(xb, rowCentre(i + 1) + barH / 2));
        }
        const QString text = signedText(value);
        const double tw = fm.horizontalAdvance(text) + 6;
        if (std::abs(xb - xa) - tip > tw) {
            painter.setPen(Qt::white);
            painter.drawText(QRectF(std::min(xa, xb), cy - barH / 2, std::abs(xb - xa) - tip, barH),
                             Qt::AlignCenter, text);
        } else {
            painter.setPen(fill);
            const double right = std::max(xa, xb), left = std::min(xa, xb);
            if (value >= 0)
                painter.drawText(QRectF(right + 3, cy - pitch / 2, textW, pitch), Qt::AlignLeft | Qt::AlignVCenter, text);
            else
                painter.drawText(QRectF(left - 3 - textW, cy - pitch / 2, textW, pitch), Qt::AlignRight | Qt::AlignVCenter,
                                 text);
        }
        painter.setPen(ink.text);
        painter.drawText(QRectF(2, cy - pitch / 2, labelW + 2, pitch), Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(s.label, Qt::ElideMiddle, labelW));
    }

    // Axis, then the two anchors: f(x) above the plot, E[f(X)] below the ticks.
    drawBottomAxis(painter, QRectF(x.p0, plot.top(), x.p1 - x.p0, plot.height()), x, {}, ink);
    auto anchor = [&](double px, double y, const QString& text) {
        const double w = fm.horizontalAdvance(text) + 6;
        const double left = std::clamp(px - w / 2, 0.0, std::max(0.0, width() - w));
        painter.drawText(QRectF(left, y, w, fm.height()), Qt::AlignCenter, text);
    };
    painter.setPen(ink.text);
    anchor(xf, 2, tr("f(x) = %1").arg(formatNumber(prediction(), 4)));
    anchor(xe, plot.bottom() + 6 + fm.height(), tr("E[f(X)] = %1").arg(formatNumber(m_expected, 4)));
    const QString title = m_units.isEmpty() ? tr("model output") : tr("model output (%1)").arg(m_units);
    const double titleW = std::min(static_cast<double>(width()) - 4, fm.horizontalAdvance(title) + 6);
    const double titleLeft = std::clamp(plot.center().x() - titleW / 2, 2.0, std::max(2.0, width() - 2 - titleW));
    painter.drawText(QRectF(titleLeft, plot.bottom() + 10 + 2 * fm.height(), titleW, fm.height() + 2), Qt::AlignCenter,
                     fm.elidedText(title, Qt::ElideRight, titleW));
}

QString ShapWaterfallView::toCsv() const
{
    QString out = QStringLiteral("step,label,start,end,shap_value\n");
    out += QStringLiteral("0,E[f(X)],,%1,\n").arg(m_expected, 0, 'g', 10);
    for (int i = 0; i < m_steps.size(); ++i) {
        const Step& s = m_steps[i];
        out += QString::number(i + 1) + ',' + csvField(s.label) + ',' + QString::number(s.start, 'g', 10) + ','
            + QString::number(s.end, 'g', 10) + ',' + QString::number(s.end - s.start, 'g', 10) + '\n';
    }
    out += QStringLiteral("%1,f(x),,%2,\n").arg(m_steps.size() + 1).arg(prediction(), 0, 'g', 10);
    return out;
}

}  // namespace dslab
