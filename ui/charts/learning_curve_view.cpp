#include "ui/charts/learning_curve_view.h"

#include <QChart>
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
    QFont small = m_chart->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);
    m_x = new QValueAxis;
    m_y = new QValueAxis;
    m_x->setTitleText(tr("step"));
    m_y->setTitleText(yTitle);
    m_x->setLabelFormat("%.0f");
    m_x->setTickCount(5);
    m_y->setLabelFormat("%.3g");
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
    }
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
    }
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setAccessibleName(yTitle + " " + tr("curve"));
    setMinimumSize(200, 150);
    clear();
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
    }
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
    // replace() is far cheaper than many append() calls: one repaint per batch.
    m_series[index]->replace(m_points[index]);
    updateRanges();
}

void LearningCurveView::updateRanges()
{
    bool first = true;
    for (const auto& list : m_points)
        for (const auto& p : list) {
            if (first) {
                m_maxX = p.x();
                m_minY = m_maxY = p.y();
                first = false;
            }
            m_maxX = std::max(m_maxX, p.x());
            m_minY = std::min(m_minY, p.y());
            m_maxY = std::max(m_maxY, p.y());
        }
    if (first)
        return;
    const double pad = std::max(1e-6, (m_maxY - m_minY) * 0.08);
    m_x->setRange(0, std::max(1.0, m_maxX));
    m_y->setRange(std::max(0.0, m_minY - pad) < m_minY ? std::max(0.0, m_minY - pad) : m_minY - pad, m_maxY + pad);
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
