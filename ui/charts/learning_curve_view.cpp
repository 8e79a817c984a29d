#include "ui/charts/learning_curve_view.h"

#include <QChart>
#include <QEvent>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

LearningCurveView::LearningCurveView(const QString& yTitle, const QStringList& seriesNames, QWidget* parent)
    : ChartWidget(parent)
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setBackgroundRoundness(0);

    m_x = new QValueAxis;
    m_y = new QValueAxis;
    m_x->setTitleText(tr("step"));
    m_y->setTitleText(yTitle);
    m_x->setLabelFormat("%.0f");
    m_x->setTickCount(5);
    m_y->setLabelFormat("%.3g");
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (int i = 0; i < seriesNames.size(); ++i) {
        auto* s = new QLineSeries;
        s->setName(seriesNames[i]);
        QPen pen(classColor(i), 2);
        s->setPen(pen);
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        m_series << s;
        m_points << QList<QPointF>();
        m_stride << 1;
    }
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setAccessibleName(yTitle + " " + tr("curve"));
    setMinimumSize(200, 150);
    applyLook();
    clear();
}

void LearningCurveView::applyLook()
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
    }
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    m_chart->legend()->setLabelColor(text);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(dark ? QColor(70, 74, 82) : QColor(225, 225, 225));
    }
}

void LearningCurveView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        applyLook();
    ChartWidget::changeEvent(event);
}

void LearningCurveView::setXTitle(const QString& title)
{
    m_x->setTitleText(title);
}

void LearningCurveView::clear()
{
    for (int i = 0; i < m_series.size(); ++i) {
        m_series[i]->clear();
        m_points[i].clear();
        m_stride[i] = 1;
    }
    m_hasRange = false;
    m_maxX = 1;
    m_minY = 0;
    m_maxY = 1;
    m_x->setRange(0, 1);
    m_y->setRange(0, 1);
}

void LearningCurveView::append(int index, const QList<QPointF>& points)
{
    if (index < 0 || index >= m_series.size())
        return;
    QList<QPointF> finite;
    for (const auto& p : points)
        if (std::isfinite(p.x()) && std::isfinite(p.y()))
            finite << p;
    if (finite.isEmpty())
        return;
    m_points[index] += finite;
    while (m_points[index].size() / m_stride[index] > kDisplayBudget)
        m_stride[index] *= 2;
    // replace() is far cheaper than many append() calls: one repaint per batch.
    m_series[index]->replace(displayed(index));
    updateRanges(finite);
}

QList<QPointF> LearningCurveView::displayed(int index) const
{
    const QList<QPointF>& all = m_points[index];
    const int stride = m_stride[index];
    if (stride == 1)
        return all;
    QList<QPointF> out;
    out.reserve(all.size() / stride + 2);
    for (qsizetype i = 0; i < all.size(); i += stride)
        out << all[i];
    if ((all.size() - 1) % stride != 0)
        out << all.back();
    return out;
}

void LearningCurveView::updateRanges(const QList<QPointF>& added)
{
    for (const auto& p : added) {
        if (!m_hasRange) {
            m_maxX = p.x();
            m_minY = m_maxY = p.y();
            m_hasRange = true;
        }
        m_maxX = std::max(m_maxX, p.x());
        m_minY = std::min(m_minY, p.y());
        m_maxY = std::max(m_maxY, p.y());
    }
    if (!m_hasRange)
        return;
    const double pad = std::max(1e-6, (m_maxY - m_minY) * 0.08);
    m_x->setRange(0, std::max(1.0, m_maxX));
    // Steps are whole numbers; a short axis (a threshold in [0, 1]) needs decimals.
    m_x->setLabelFormat(m_maxX <= 5 ? "%.2g" : "%.0f");
    // Losses are never negative: do not pad below zero for them.
    m_y->setRange(m_minY >= 0 ? std::max(0.0, m_minY - pad) : m_minY - pad, m_maxY + pad);
}

int LearningCurveView::pointCount(int index) const
{
    return index >= 0 && index < m_points.size() ? static_cast<int>(m_points[index].size()) : 0;
}

bool LearningCurveView::hasData() const
{
    for (const auto& list : m_points)
        if (!list.isEmpty())
            return true;
    return false;
}

QString LearningCurveView::toCsv() const
{
    QString out = QStringLiteral("series,step,value\n");
    for (int i = 0; i < m_series.size(); ++i)
        for (const auto& p : m_points[i])
            out += QStringLiteral("%1,%2,%3\n").arg(m_series[i]->name()).arg(p.x()).arg(p.y(), 0, 'g', 10);
    return out;
}

}  // namespace dslab
