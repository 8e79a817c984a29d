// Painting helpers shared by the QPainter charts: palette-aware ink, the
// colour scales (SHAP's blue->red for feature values, viridis for scores),
// "nice" axis ticks, number formatting and a colour bar. Free functions, not
// a class: each chart owns its layout, these only keep the look consistent.
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QVector>
#include <functional>
#include <vector>

class QPainter;
class QPalette;

namespace dslab {

// Colours that follow the light or dark palette, so a chart stays readable
// on a projector in either theme.
struct ChartInk {
    QColor background;  // plot background
    QColor text;
    QColor mutedText;   // tick labels, notes
    QColor axis;
    QColor grid;        // faint guide lines
    QColor positive;    // pushes the prediction up (SHAP red)
    QColor negative;    // pushes it down (SHAP blue)
    QColor accent;      // single-series marks
    bool dark = false;
};
ChartInk chartInk(const QPalette& palette);

// Low (t=0) to high (t=1) feature value: SHAP's blue -> purple -> red.
QColor featureValueColor(double t);
// Feature values with no value (NaN) are grey, as in shap.
QColor missingValueColor();
// Score colour scale (viridis: perceptually even, readable by colour-blind viewers).
QColor scoreColor(double t);

// About maxTicks round-numbered ticks covering [lo, hi] (1, 2, 2.5, 5 x 10^k steps).
QVector<double> niceTicks(double lo, double hi, int maxTicks);
// Short numbers for labels: 3 significant digits, no trailing zeros.
QString formatNumber(double value, int significant = 3);
// The q-quantile (0..1) of the finite values, linear interpolation; NaN if none.
double quantile(std::vector<double> values, double q);

// A vertical colour bar: color(1) at the top. Labels go right of the bar,
// the title rotated beside them; returns the width used.
double drawColorBar(QPainter& painter, const QRectF& bar, const std::function<QColor(double)>& color,
                    const QString& topLabel, const QString& bottomLabel, const QString& title, const ChartInk& ink);
// Width a colour bar with these labels needs (bar + labels + rotated title).
double colorBarWidth(const QPainter& painter, const QString& topLabel, const QString& bottomLabel,
                     const QString& title);
// A data interval mapped onto a pixel interval (p0 for lo, p1 for hi; p1 <
// p0 for a y axis growing upwards), linear or base-10 logarithmic.
struct AxisScale {
    double lo = 0, hi = 1;
    double p0 = 0, p1 = 1;
    bool log = false;
    double map(double value) const;
    // Ticks for this scale: nice linear ticks, or powers of ten (with 2 and 5
    // in between when the range spans little more than a decade).
    QVector<double> ticks(int maxTicks) const;
};
// Height below the plot for tick labels and a title; width left of the plot
// for tick labels and a rotated title.
double bottomAxisHeight(const QPainter& painter, bool withTitle = true);
double leftAxisWidth(const QPainter& painter, const AxisScale& y, bool withTitle = true);
// Axis line, ticks, labels and title.
// A title wider than the plot may spread over `titleSpan` (e.g. the widget's
// rect, so it can run under the label column) before it is elided.
void drawBottomAxis(QPainter& painter, const QRectF& plot, const AxisScale& x, const QString& title, const ChartInk& ink,
                    const QRectF& titleSpan = QRectF());
void drawLeftAxis(QPainter& painter, const QRectF& plot, const AxisScale& y, const QString& title, const ChartInk& ink);
// Faint grid lines at the ticks of both axes.
void drawGrid(QPainter& painter, const QRectF& plot, const AxisScale& x, const AxisScale& y, const ChartInk& ink);

// A sort key that is never NaN (NaN sorts as -infinity, i.e. last when
// sorting by decreasing key): std::sort needs a strict weak ordering.
double rankKey(double value);

// A CSV field, quoted when it holds a comma, quote or newline.
QString csvField(const QString& text);
// Text rotated 90 degrees counter-clockwise, centred on `center`.
void drawVerticalText(QPainter& painter, const QPointF& center, const QString& text);

}  // namespace dslab
