#include "ui/charts/chart_painting.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPalette>
#include <algorithm>
#include <array>
#include <cmath>

namespace dslab {

ChartInk chartInk(const QPalette& palette)
{
    ChartInk ink;
    ink.background = palette.color(QPalette::Base);
    ink.text = palette.color(QPalette::Text);
    ink.dark = ink.background.lightness() < 128;
    // Muted text still has to pass contrast on a projector: mix 70 % text.
    const QColor bg = ink.background, fg = ink.text;
    auto mix = [&](double a) {
        return QColor::fromRgbF(static_cast<float>(fg.redF() * a + bg.redF() * (1 - a)),
                                static_cast<float>(fg.greenF() * a + bg.greenF() * (1 - a)),
                                static_cast<float>(fg.blueF() * a + bg.blueF() * (1 - a)));
    };
    ink.mutedText = mix(0.72);
    ink.axis = mix(0.55);
    ink.grid = mix(0.14);
    // SHAP's colours; on a dark background slightly lighter so they do not sink.
    ink.positive = ink.dark ? QColor(255, 64, 112) : QColor(255, 0, 81);
    ink.negative = ink.dark ? QColor(40, 160, 255) : QColor(0, 139, 251);
    ink.accent = ink.dark ? QColor(86, 180, 233) : QColor(0, 114, 178);
    return ink;
}

QColor featureValueColor(double t)
{
    // shap's red_blue colormap: (0,138,250) -> (124,0,238)ish purple -> (255,0,82).
    if (!std::isfinite(t))
        return missingValueColor();
    t = std::clamp(t, 0.0, 1.0);
    static const std::array<std::array<double, 3>, 3> stops = {{{0, 138, 250}, {124, 38, 199}, {255, 0, 82}}};
    const double s = t * 2;
    const int i = std::min(1, static_cast<int>(s));
    const double f = s - i;
    auto ch = [&](int c) { return static_cast<int>(std::lround(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f)); };
    return QColor(ch(0), ch(1), ch(2));
}

QColor missingValueColor() { return QColor(150, 150, 150); }

QColor scoreColor(double t)
{
    // Viridis sampled at 9 stops, linearly interpolated.
    static const std::array<std::array<int, 3>, 9> stops = {{{68, 1, 84},
                                                              {71, 44, 122},
                                                              {59, 81, 139},
                                                              {44, 113, 142},
                                                              {33, 144, 141},
                                                              {39, 173, 129},
                                                              {92, 200, 99},
                                                              {170, 220, 50},
                                                              {253, 231, 37}}};
    if (!std::isfinite(t))
        return missingValueColor();
    t = std::clamp(t, 0.0, 1.0);
    const double s = t * 8;
    const int i = std::min(7, static_cast<int>(s));
    const double f = s - i;
    auto ch = [&](int c) { return static_cast<int>(std::lround(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f)); };
    return QColor(ch(0), ch(1), ch(2));
}

QVector<double> niceTicks(double lo, double hi, int maxTicks)
{
    QVector<double> ticks;
    if (!std::isfinite(lo) || !std::isfinite(hi) || maxTicks < 2)
        return ticks;
    if (hi < lo)
        std::swap(lo, hi);
    if (hi - lo < 1e-12) {
        ticks.push_back(lo);
        return ticks;
    }
    const double rough = (hi - lo) / (maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (magnitude * m >= rough) {
            step = magnitude * m;
            break;
        }
    }
    const double first = std::ceil(lo / step - 1e-9) * step;
    for (double v = first; v <= hi + step * 1e-9; v += step)
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    // A single tick gives no scale: ask for more (callers skip labels that would overlap).
    if (ticks.size() < 2 && maxTicks < 12)
        return niceTicks(lo, hi, maxTicks + 1);
    return ticks;
}

QString formatNumber(double value, int significant)
{
    if (!std::isfinite(value))
        return QStringLiteral("nan");
    if (value == 0)
        return QStringLiteral("0");
    const double a = std::abs(value);
    if (a >= 1e5 || a < 1e-3)
        return QString::number(value, 'g', significant);
    const int digitsBefore = static_cast<int>(std::floor(std::log10(a))) + 1;
    const int decimals = std::max(0, significant - digitsBefore);
    QString s = QString::number(value, 'f', decimals);
    if (s.contains('.')) {
        while (s.endsWith('0'))
            s.chop(1);
        if (s.endsWith('.'))
            s.chop(1);
    }
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

double quantile(std::vector<double> values, double q)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i);
    return i + 1 < values.size() ? values[i] * (1 - f) + values[i + 1] * f : values[i];
}

double colorBarWidth(const QPainter& painter, const QString& topLabel, const QString& bottomLabel, const QString& title)
{
    const QFontMetricsF fm(painter.font());
    const double bar = std::max(8.0, fm.height() * 0.6);
    const double labels = std::max(fm.horizontalAdvance(topLabel), fm.horizontalAdvance(bottomLabel));
    return bar + 4 + labels + (title.isEmpty() ? 0 : fm.height() + 4);
}

double drawColorBar(QPainter& painter, const QRectF& bar, const std::function<QColor(double)>& color,
                    const QString& topLabel, const QString& bottomLabel, const QString& title, const ChartInk& ink)
{
    const QFontMetricsF fm(painter.font());
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i <= 16; ++i)
        gradient.setColorAt(i / 16.0, color(i / 16.0));
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.fillRect(bar, QBrush(gradient));
    painter.setPen(ink.axis);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
    painter.setPen(ink.mutedText);
    const double labelX = bar.right() + 4;
    const double labels = std::max(fm.horizontalAdvance(topLabel), fm.horizontalAdvance(bottomLabel));
    painter.drawText(QRectF(labelX, bar.top() - 1, labels + 2, fm.height()), Qt::AlignLeft | Qt::AlignTop, topLabel);
    painter.drawText(QRectF(labelX, bar.bottom() - fm.height() + 1, labels + 2, fm.height()),
                     Qt::AlignLeft | Qt::AlignBottom, bottomLabel);
    if (!title.isEmpty()) {
        painter.setPen(ink.text);
        drawVerticalText(painter, QPointF(labelX + labels + 4 + fm.height() / 2, bar.center().y()), title);
    }
    painter.restore();
    return bar.width() + 4 + labels + (title.isEmpty() ? 0 : fm.height() + 4);
}

double AxisScale::map(double value) const
{
    if (log) {
        const double a = std::log10(std::max(lo, 1e-300)), b = std::log10(std::max(hi, 1e-300));
        const double v = std::log10(std::max(value, 1e-300));
        return b > a ? p0 + (v - a) / (b - a) * (p1 - p0) : (p0 + p1) / 2;
    }
    return hi > lo ? p0 + (value - lo) / (hi - lo) * (p1 - p0) : (p0 + p1) / 2;
}

QVector<double> AxisScale::ticks(int maxTicks) const
{
    if (!log)
        return niceTicks(lo, hi, maxTicks);
    QVector<double> out;
    if (!(lo > 0) || !(hi > lo))
        return out;
    const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
    const int decades = last - first + 1;
    const int stride = std::max(1, (decades + maxTicks - 1) / std::max(1, maxTicks));
    for (int e = first; e <= last; e += stride)
        out.push_back(std::pow(10.0, e));
    if (out.size() < 3) {
        // Little more than a decade: 1, 2, 5 steps.
        out.clear();
        for (int e = first - 1; e <= last; ++e)
            for (double m : {1.0, 2.0, 5.0}) {
                const double v = m * std::pow(10.0, e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
                    out.push_back(v);
            }
    }
    return out;
}

double bottomAxisHeight(const QPainter& painter, bool withTitle)
{
    const QFontMetricsF fm(painter.font());
    return fm.height() + 8 + (withTitle ? fm.height() + 4 : 0);
}

double leftAxisWidth(const QPainter& painter, const AxisScale& y, bool withTitle)
{
    const QFontMetricsF fm(painter.font());
    double w = 0;
    const int maxTicks = std::max(2, static_cast<int>(std::abs(y.p1 - y.p0) / (fm.height() * 2)));
    for (double t : y.ticks(std::max(maxTicks, 6)))
        w = std::max(w, fm.horizontalAdvance(formatNumber(t)));
    return w + 8 + (withTitle ? fm.height() + 4 : 0);
}

void drawBottomAxis(QPainter& painter, const QRectF& plot, const AxisScale& x, const QString& title, const ChartInk& ink,
                    const QRectF& titleSpan)
{
    const QFontMetricsF fm(painter.font());
    painter.save();
    painter.setPen(ink.axis);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(ink.mutedText);
    const int maxTicks = std::max(3, static_cast<int>(std::abs(x.p1 - x.p0) / (fm.horizontalAdvance("-0.00") + 12)));
    double lastRight = -1e9;
    for (double t : x.ticks(maxTicks)) {
        const double px = x.map(t);
        const QString label = formatNumber(t);
        const double w = fm.horizontalAdvance(label) + 4;
        double left = std::clamp(px - w / 2, plot.left() - w / 2, plot.right() - w / 2);
        if (left < lastRight + 4)
            continue;  // never overlap tick labels
        painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 4));
        painter.drawText(QRectF(left, plot.bottom() + 5, w, fm.height()), Qt::AlignCenter, label);
        lastRight = left + w;
    }
    if (!title.isEmpty()) {
        painter.setPen(ink.text);
        const double needed = fm.horizontalAdvance(title) + 4;
        double left = plot.left(), w = plot.width();
        if (needed > w && titleSpan.isValid()) {
            // Centred under the plot as far as the span allows.
            w = std::min(needed, titleSpan.width());
            left = std::clamp(plot.center().x() - w / 2, titleSpan.left(), titleSpan.right() - w);
        }
        painter.drawText(QRectF(left, plot.bottom() + 8 + fm.height(), w, fm.height() + 2), Qt::AlignCenter,
                         fm.elidedText(title, Qt::ElideRight, w));
    }
    painter.restore();
}

void drawLeftAxis(QPainter& painter, const QRectF& plot, const AxisScale& y, const QString& title, const ChartInk& ink)
{
    const QFontMetricsF fm(painter.font());
    painter.save();
    painter.setPen(ink.axis);
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    painter.setPen(ink.mutedText);
    const int maxTicks = std::max(2, static_cast<int>(plot.height() / (fm.height() * 2)));
    double labelsW = 0;
    for (double t : y.ticks(maxTicks)) {
        const double py = y.map(t);
        const QString label = formatNumber(t);
        labelsW = std::max(labelsW, fm.horizontalAdvance(label));
        painter.drawLine(QPointF(plot.left() - 4, py), QPointF(plot.left(), py));
        painter.drawText(QRectF(0, py - fm.height() / 2, plot.left() - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                         label);
    }
    if (!title.isEmpty()) {
        painter.setPen(ink.text);
        const double x = std::max(fm.height() / 2 + 1, plot.left() - 8 - labelsW - fm.height() / 2);
        const QString shown = fm.elidedText(title, Qt::ElideRight, plot.height());
        drawVerticalText(painter, QPointF(x, plot.center().y()), shown);
    }
    painter.restore();
}

void drawGrid(QPainter& painter, const QRectF& plot, const AxisScale& x, const AxisScale& y, const ChartInk& ink)
{
    const QFontMetricsF fm(painter.font());
    painter.save();
    painter.setPen(QPen(ink.grid, 1));
    for (double t : x.ticks(std::max(2, static_cast<int>(plot.width() / (fm.horizontalAdvance("-0.000") + 12)))))
        painter.drawLine(QPointF(x.map(t), plot.top()), QPointF(x.map(t), plot.bottom()));
    for (double t : y.ticks(std::max(2, static_cast<int>(plot.height() / (fm.height() * 2)))))
        painter.drawLine(QPointF(plot.left(), y.map(t)), QPointF(plot.right(), y.map(t)));
    painter.restore();
}

double rankKey(double value)
{
    return std::isnan(value) ? -INFINITY : value;
}

QString csvField(const QString& text)
{
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n'))
        return text;
    QString quoted = text;
    quoted.replace('"', QStringLiteral("\"\""));
    return '"' + quoted + '"';
}

void drawVerticalText(QPainter& painter, const QPointF& center, const QString& text)
{
    const QFontMetricsF fm(painter.font());
    const double w = fm.horizontalAdvance(text) + 4;
    painter.save();
    painter.translate(center);
    painter.rotate(-90);
    painter.drawText(QRectF(-w / 2, -fm.height() / 2, w, fm.height()), Qt::AlignCenter, text);
    painter.restore();
}

}  // namespace dslab
