#include "ui/charts/shap_beeswarm_view.h"

#include "ui/charts/chart_painting.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace dslab {

ShapBeeswarmView::ShapBeeswarmView(QWidget* parent)
    : ChartWidget(parent), m_axisLabel(tr("SHAP value (impact on model output)"))
{
    setAccessibleName(tr("SHAP summary plot"));
    setAccessibleDescription(tr("Features sorted by mean absolute SHAP value; one dot per sample, coloured by the "
                                "feature's value from low (blue) to high (red)."));
    setMinimumSize(320, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
}

void ShapBeeswarmView::setData(const Eigen::MatrixXd& shapValues, const Eigen::MatrixXd& featureValues,
                               const QStringList& featureNames)
{
    m_shap = shapValues;
    const bool valuesFit = featureValues.rows() == shapValues.rows() && featureValues.cols() == shapValues.cols();
    m_values = valuesFit ? featureValues : Eigen::MatrixXd();
    m_names = featureNames;
    while (m_names.size() < m_shap.cols())
        m_names.append(tr("feature %1").arg(m_names.size()));
    m_highlightRow = m_hoverRow = -1;
    rebuildRows();
}

void ShapBeeswarmView::clear()
{
    setData(Eigen::MatrixXd(), Eigen::MatrixXd(), {});
}

void ShapBeeswarmView::setMaxDisplay(int features)
{
    m_maxDisplay = features;
    rebuildRows();
}

void ShapBeeswarmView::setGroupOthers(bool on)
{
    m_groupOthers = on;
    rebuildRows();
}

void ShapBeeswarmView::setAxisLabel(const QString& label)
{
    m_axisLabel = label;
    invalidateLayout();
}

void ShapBeeswarmView::setHighlightedRow(int row)
{
    m_highlightRow = row;
    update();
}

namespace {

// shap's pile-up: quantise the SHAP values into 100 bins and stack the
// samples of a bin alternately above and below the row's centre line, so the
// height of the swarm shows density. Sorted stably by (bin, sample index),
// so the same data always gives the same picture.
std::vector<float> densityJitter(const std::vector<double>& shap)
{
    const std::size_t n = shap.size();
    std::vector<float> ys(n, 0.0f);
    if (n == 0)
        return ys;
    double lo = INFINITY, hi = -INFINITY;
    for (double v : shap)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (!std::isfinite(lo))
        return ys;
    const int bins = 100;
    std::vector<int> bin(n);
    for (std::size_t i = 0; i < n; ++i)
        bin[i] = std::isfinite(shap[i]) ? static_cast<int>(std::lround(bins * (shap[i] - lo) / (hi - lo + 1e-8))) : -1;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bin[a] < bin[b]; });
    int layer = 0, lastBin = -2;
    float maxAbs = 0;
    for (std::size_t k : order) {
        if (bin[k] != lastBin)
            layer = 0;
        const float y = static_cast<float>((layer + 1) / 2) * ((layer % 2) ? 1.0f : -1.0f);
        ys[k] = y;
        maxAbs = std::max(maxAbs, std::abs(y));
        ++layer;
        lastBin = bin[k];
    }
    for (float& y : ys)
        y /= (maxAbs + 1);
    return ys;
}

// Colour buckets from the feature's 5th..95th percentile (shap's choice: a
// few outliers do not wash out the rest).
std::vector<std::uint8_t> colourBuckets(const std::vector<double>& values, int buckets, std::uint8_t missing)
{
    std::vector<std::uint8_t> out(values.size(), missing);
    double lo = quantile(values, 0.05), hi = quantile(values, 0.95);
    if (!(hi > lo)) {
        lo = quantile(values, 0.01);
        hi = quantile(values, 0.99);
    }
    if (!(hi > lo)) {
        lo = quantile(values, 0.0);
        hi = quantile(values, 1.0);
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            continue;
        const double t = hi > lo ? std::clamp((values[i] - lo) / (hi - lo), 0.0, 1.0) : 0.5;
        out[i] = static_cast<std::uint8_t>(std::lround(t * (buckets - 1)));
    }
    return out;
}

}  // namespace

void ShapBeeswarmView::rebuildRows()
{
    m_rows.clear();
    m_order.clear();
    m_others.clear();
    const auto n = static_cast<std::size_t>(m_shap.rows());
    const int p = static_cast<int>(m_shap.cols());
    // Mean |SHAP| over the finite values (a NaN must not hide a feature).
    m_meanAbs = Eigen::VectorXd::Zero(p);
    for (int f = 0; f < p; ++f) {
        double sum = 0;
        Eigen::Index count = 0;
        for (Eigen::Index i = 0; i < m_shap.rows(); ++i)
            if (std::isfinite(m_shap(i, f))) {
                sum += std::abs(m_shap(i, f));
                ++count;
            }
        m_meanAbs[f] = count > 0 ? sum / static_cast<double>(count) : 0.0;
    }
    if (p > 0 && n > 0) {
        std::vector<int> all(static_cast<std::size_t>(p));
        std::iota(all.begin(), all.end(), 0);
        std::stable_sort(all.begin(), all.end(),
                         [&](int a, int b) { return rankKey(m_meanAbs[a]) > rankKey(m_meanAbs[b]); });
        // The grouped row counts towards the limit, as in shap (max_display).
        const int shown = (m_maxDisplay <= 0 || m_maxDisplay >= p) ? p : (m_groupOthers ? m_maxDisplay - 1 : m_maxDisplay);
        m_order.assign(all.begin(), all.begin() + std::max(1, shown));
        if (m_groupOthers && shown < p)
            m_others.assign(all.begin() + std::max(1, shown), all.end());
    }
    for (int f : m_order) {
        DisplayRow row;
        row.label = m_names.value(f);
        row.shap.resize(n);
        row.value.assign(n, std::nan(""));
        for (std::size_t i = 0; i < n; ++i) {
            row.shap[i] = m_shap(static_cast<Eigen::Index>(i), f);
            if (m_values.size() > 0)
                row.value[i] = m_values(static_cast<Eigen::Index>(i), f);
        }
        row.jitter = densityJitter(row.shap);
        row.colour = m_values.size() > 0 ? colourBuckets(row.value, kBuckets, kMissing)
                                         : std::vector<std::uint8_t>(n, static_cast<std::uint8_t>(kBuckets / 2));
        m_rows.push_back(std::move(row));
    }
    if (!m_others.empty()) {
        DisplayRow row;
        row.label = tr("Sum of %1 other features").arg(m_others.size());
        row.shap.assign(n, 0.0);
        row.value.assign(n, std::nan(""));
        for (std::size_t i = 0; i < n; ++i)
            for (int f : m_others)
                row.shap[i] += m_shap(static_cast<Eigen::Index>(i), f);
        row.jitter = densityJitter(row.shap);
        row.colour.assign(n, kMissing);  // no single feature value to colour by
        m_rows.push_back(std::move(row));
    }
    double lo = 0, hi = 0;
    for (const auto& row : m_rows)
        for (double v : row.shap)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (hi - lo < 1e-12) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.04;
    m_xMin = lo - pad;
    m_xMax = hi + pad;
    invalidateLayout();
}

void ShapBeeswarmView::invalidateLayout()
{
    m_layoutValid = false;
    m_dotLayer = QImage();
    update();
}

double ShapBeeswarmView::toX(double shap) const
{
    return m_plot.left() + (shap - m_xMin) / (m_xMax - m_xMin) * m_plot.width();
}

void ShapBeeswarmView::ensureLayout() const
{
    if (m_layoutValid && m_layoutSize == size())
        return;
    m_layoutValid = true;
    m_layoutSize = size();
    const QFontMetricsF fm(font());
    const double lineH = fm.height();
    m_labelWidth = 0;
    for (const auto& row : m_rows)
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(row.label));
    // Long names are elided rather than squeezing the plot to half the width.
    m_labelWidth = std::min(m_labelWidth + 6, width() * 0.42);
    const QString low = tr("Low"), high = tr("High");
    const double barW = std::max(8.0, lineH * 0.6) + 4
        + std::max(fm.horizontalAdvance(low), fm.horizontalAdvance(high)) + lineH + 4;
    const double left = m_labelWidth + 8;
    const double right = barW + 12;
    const double top = lineH * 0.6;
    const double bottom = lineH * 2 + 12;
    m_plot = QRectF(left, top, std::max(20.0, width() - left - right), std::max(20.0, height() - top - bottom));
    const auto rowCount = static_cast<int>(m_rows.size());
    m_rowPitch = rowCount > 0 ? m_plot.height() / rowCount : m_plot.height();
    m_dotRadius = std::clamp(lineH * 0.15, 2.0, 4.5);

    const auto n = static_cast<std::size_t>(m_shap.rows());
    m_positions.assign(m_rows.size() * n, QPointF());
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const double centre = m_plot.top() + (static_cast<double>(r) + 0.5) * m_rowPitch;
        const double spread = 0.36 * m_rowPitch * 2;  // shap: +-0.36 of the row spacing
        for (std::size_t i = 0; i < n; ++i) {
            const double v = m_rows[r].shap[i];
            m_positions[r * n + i] = std::isfinite(v) ? QPointF(toX(v), centre + m_rows[r].jitter[i] * spread / 2)
                                                      : QPointF(-1e6, -1e6);
        }
    }
    // Bucket grid for hit-testing: a click or hover looks at 3x3 cells only.
    m_cellSize = std::max(6.0, (m_dotRadius + 3) * 2);
    m_gridCols = std::max(1, static_cast<int>(std::ceil(width() / m_cellSize)));
    m_gridRows = std::max(1, static_cast<int>(std::ceil(height() / m_cellSize)));
    const std::size_t cells = static_cast<std::size_t>(m_gridCols) * static_cast<std::size_t>(m_gridRows);
    std::vector<int> counts(cells + 1, 0);
    auto cellOf = [&](const QPointF& q) -> long {
        const int cx = static_cast<int>(q.x() / m_cellSize), cy = static_cast<int>(q.y() / m_cellSize);
        if (q.x() < 0 || q.y() < 0 || cx >= m_gridCols || cy >= m_gridRows)
            return -1;
        return static_cast<long>(cy) * m_gridCols + cx;
    };
    for (const auto& q : m_positions) {
        const long c = cellOf(q);
        if (c >= 0)
            ++counts[static_cast<std::size_t>(c) + 1];
    }
    std::partial_sum(counts.begin(), counts.end(), counts.begin());
    m_cellStart = counts;
    m_cellItems.assign(static_cast<std::size_t>(counts.back()), 0);
    std::vector<int> fill(counts.begin(), counts.end() - 1);
    for (std::size_t k = 0; k < m_positions.size(); ++k) {
        const long c = cellOf(m_positions[k]);
        if (c >= 0)
            m_cellItems[static_cast<std::size_t>(fill[static_cast<std::size_t>(c)]++)] = static_cast<int>(k);
    }
    m_dotLayer = QImage();
}

QPointF ShapBeeswarmView::pointPosition(int row, int displayRow) const
{
    ensureLayout();
    const auto n = static_cast<int>(m_shap.rows());
    if (row < 0 || row >= n || displayRow < 0 || displayRow >= static_cast<int>(m_rows.size()))
        return {};
    return m_positions[static_cast<std::size_t>(displayRow) * static_cast<std::size_t>(n) + static_cast<std::size_t>(row)];
}

int ShapBeeswarmView::rowAt(const QPointF& pos) const
{
    ensureLayout();
    const auto n = static_cast<int>(m_shap.rows());
    if (n == 0 || m_gridCols == 0)
        return -1;
    const int cx = static_cast<int>(pos.x() / m_cellSize), cy = static_cast<int>(pos.y() / m_cellSize);
    const double reach = m_dotRadius + 3;
    double best = reach * reach;
    int found = -1;
    for (int y = cy - 1; y <= cy + 1; ++y) {
        for (int x = cx - 1; x <= cx + 1; ++x) {
            if (x < 0 || y < 0 || x >= m_gridCols || y >= m_gridRows)
                continue;
            const auto c = static_cast<std::size_t>(y) * static_cast<std::size_t>(m_gridCols) + static_cast<std::size_t>(x);
            for (int k = m_cellStart[c]; k < m_cellStart[c + 1]; ++k) {
                const int item = m_cellItems[static_cast<std::size_t>(k)];
                const QPointF d = m_positions[static_cast<std::size_t>(item)] - pos;
                const double d2 = d.x() * d.x() + d.y() * d.y();
                // Ties go to the later dot: it is drawn later, so it is the one on top.
                if (d2 <= best) {
                    best = d2;
                    found = item % n;
                }
            }
        }
    }
    return found;
}

void ShapBeeswarmView::resizeEvent(QResizeEvent* event)
{
    ChartWidget::resizeEvent(event);
    invalidateLayout();
}

void ShapBeeswarmView::changeEvent(QEvent* event)
{
    ChartWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange)
        invalidateLayout();
}

void ShapBeeswarmView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        const int row = rowAt(event->position());
        if (row >= 0) {
            emit rowClicked(row);
            event->accept();
            return;
        }
    }
    ChartWidget::mousePressEvent(event);
}

void ShapBeeswarmView::mouseMoveEvent(QMouseEvent* event)
{
    const int row = rowAt(event->position());
    if (row != m_hoverRow) {
        m_hoverRow = row;
        setCursor(row >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    if (row >= 0) {
        // Which feature row the pointer is in, for the tooltip.
        const int r = std::clamp(static_cast<int>((event->position().y() - m_plot.top()) / m_rowPitch), 0,
                                 static_cast<int>(m_rows.size()) - 1);
        const auto& dr = m_rows[static_cast<std::size_t>(r)];
        const auto i = static_cast<std::size_t>(row);
        QString text = tr("Sample %1\n%2").arg(row).arg(dr.label);
        if (std::isfinite(dr.value[i]))
            text += " = " + formatNumber(dr.value[i], 4);
        text += "\n" + tr("SHAP value: %1").arg(formatNumber(dr.shap[i], 4));
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
    } else {
        QToolTip::hideText();
    }
    ChartWidget::mouseMoveEvent(event);
}

void ShapBeeswarmView::leaveEvent(QEvent* event)
{
    m_hoverRow = -1;
    update();
    ChartWidget::leaveEvent(event);
}

void ShapBeeswarmView::paintDots(QPainter& painter, qreal dpr) const
{
    // One antialiased sprite per colour, stamped at each position: an order
    // of magnitude cheaper than stroking thousands of ellipses.
    const double r = m_dotRadius;
    const int side = static_cast<int>(std::ceil((2 * r + 2) * dpr));
    std::vector<QImage> sprites(kBuckets + 1);
    auto sprite = [&](std::uint8_t bucket) -> const QImage& {
        const std::size_t k = bucket == kMissing ? kBuckets : bucket;
        if (sprites[k].isNull()) {
            QImage img(side, side, QImage::Format_ARGB32_Premultiplied);
            img.fill(Qt::transparent);
            img.setDevicePixelRatio(dpr);
            QPainter sp(&img);
            sp.setRenderHint(QPainter::Antialiasing);
            sp.setPen(Qt::NoPen);
            sp.setBrush(bucket == kMissing ? missingValueColor() : featureValueColor(bucket / double(kBuckets - 1)));
            const double c = side / dpr / 2;
            sp.drawEllipse(QPointF(c, c), r, r);
            sprites[k] = img;
        }
        return sprites[k];
    };
    const auto n = static_cast<std::size_t>(m_shap.rows());
    const double half = side / dpr / 2;
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        // Grey (missing) dots first, so coloured ones stay on top, as in shap.
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint8_t bucket = m_rows[row].colour[i];
                if ((bucket == kMissing) != (pass == 0))
                    continue;
                const QPointF& q = m_positions[row * n + i];
                if (q.x() < -1e5)
                    continue;
                painter.drawImage(QPointF(q.x() - half, q.y() - half), sprite(bucket));
            }
        }
    }
}

void ShapBeeswarmView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (m_rows.empty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("SHAP summary plot\n(no explanation yet)"));
        return;
    }
    ensureLayout();
    const QFontMetricsF fm(font());
    painter.setRenderHint(QPainter::Antialiasing);

    // Row guides and the zero line under the dots.
    painter.setPen(QPen(ink.grid, 1, Qt::DashLine));
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const double y = m_plot.top() + (static_cast<double>(r) + 0.5) * m_rowPitch;
        painter.drawLine(QPointF(m_plot.left(), y), QPointF(m_plot.right(), y));
    }
    painter.setPen(QPen(ink.axis, 1));
    painter.drawLine(QPointF(toX(0), m_plot.top()), QPointF(toX(0), m_plot.bottom()));

    // Dots: vector shapes for SVG (and other non-raster devices), a cached
    // image on screen.
    const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    const qreal dpr = painter.device()->devicePixelRatioF();
    if (raster) {
        if (m_dotLayer.isNull() || m_dotLayer.devicePixelRatioF() != dpr || m_dotLayer.size() != size() * dpr) {
            m_dotLayer = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
            m_dotLayer.setDevicePixelRatio(dpr);
            m_dotLayer.fill(Qt::transparent);
            QPainter layer(&m_dotLayer);
            paintDots(layer, dpr);
        }
        painter.drawImage(QPointF(0, 0), m_dotLayer);
    } else {
        const auto n = static_cast<std::size_t>(m_shap.rows());
        painter.setPen(Qt::NoPen);
        for (std::size_t r = 0; r < m_rows.size(); ++r)
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint8_t b = m_rows[r].colour[i];
                painter.setBrush(b == kMissing ? missingValueColor() : featureValueColor(b / double(kBuckets - 1)));
                painter.drawEllipse(m_positions[r * n + i], m_dotRadius, m_dotRadius);
            }
    }

    // Highlighted sample (chosen by the caller) and hovered sample: rings.
    const auto n = static_cast<int>(m_shap.rows());
    for (int which : {m_highlightRow, m_hoverRow}) {
        if (which < 0 || which >= n)
            continue;
        painter.setPen(QPen(ink.text, which == m_highlightRow ? 2 : 1.2));
        painter.setBrush(Qt::NoBrush);
        for (std::size_t r = 0; r < m_rows.size(); ++r)
            painter.drawEllipse(pointPosition(which, static_cast<int>(r)), m_dotRadius + 2.5, m_dotRadius + 2.5);
    }

    // Feature names, right-aligned beside their rows.
    painter.setPen(ink.text);
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const QRectF box(2, m_plot.top() + static_cast<double>(r) * m_rowPitch, m_labelWidth + 2, m_rowPitch);
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(m_rows[r].label, Qt::ElideRight, m_labelWidth));
    }

    // x axis: ticks, labels and title (which may run under the label column).
    drawBottomAxis(painter, m_plot, AxisScale{m_xMin, m_xMax, m_plot.left(), m_plot.right()}, m_axisLabel, ink,
                   QRectF(rect()).adjusted(2, 0, -2, 0));

    // Colour bar: feature value low (blue) to high (red).
    const double barW = std::max(8.0, fm.height() * 0.6);
    const double barH = std::min(m_plot.height(), std::max(fm.height() * 4, m_plot.height() * 0.8));
    const QRectF bar(m_plot.right() + 10, m_plot.center().y() - barH / 2, barW, barH);
    drawColorBar(painter, bar, featureValueColor, tr("High"), tr("Low"), tr("Feature value"), ink);
}

QString ShapBeeswarmView::toCsv() const
{
    QString out = QStringLiteral("row,feature,feature_value,shap_value\n");
    const auto n = static_cast<std::size_t>(m_shap.rows());
    for (const auto& dr : m_rows) {
        const QString name = csvField(dr.label);
        for (std::size_t i = 0; i < n; ++i)
            out += QString::number(i) + ',' + name + ','
                + (std::isfinite(dr.value[i]) ? QString::number(dr.value[i], 'g', 10) : QString()) + ','
                + QString::number(dr.shap[i], 'g', 10) + '\n';
    }
    return out;
}

}  // namespace dslab
