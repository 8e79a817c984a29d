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

private:
    void updateRanges();
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QList<QLineSeries*> m_series;
    QList<QList<QPointF>> m_points;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_maxX = 1, m_minY = 0, m_maxY = 1;
};

}  // namespace dslab
