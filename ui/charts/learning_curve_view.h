// Loss (or any metric) against training steps, one line per series, drawn
// with Qt Charts. Points arrive in batches as training runs.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QList>
#include <QPointF>
#include <QStringList>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace dslab {

class LearningCurveView : public ChartWidget {
    Q_OBJECT
public:
    explicit LearningCurveView(const QString& yTitle, const QStringList& seriesNames, QWidget* parent = nullptr);
    void clear();
    // Appends points to series `index` (NaN values are skipped).
    void append(int index, const QList<QPointF>& points);
    void setXTitle(const QString& title);
    int pointCount(int index) const;
    QString toCsv() const override;
    bool hasData() const override;

protected:
    // Follows the widget's font (presenter mode enlarges it) and the palette (dark theme).
    void changeEvent(QEvent* event) override;

private:
    void applyLook();
    void updateRanges(const QList<QPointF>& added);
    QList<QPointF> displayed(int index) const;
    // Long runs are drawn from every stride-th point (plus the last) so a
    // redraw stays cheap; the CSV export keeps every point.
    static constexpr int kDisplayBudget = 1500;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QList<QLineSeries*> m_series;
    QList<QList<QPointF>> m_points;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QList<int> m_stride;
    bool m_hasRange = false;
    double m_maxX = 1, m_minY = 0, m_maxY = 1;
};

}  // namespace dslab
