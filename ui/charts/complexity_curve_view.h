// Error (or any score) against a model's complexity: one line with dots per
// series over the values of the complexity parameter, a vertical marker at
// the current value and a ring on the best one. The y axis turns
// logarithmic when the values span more than ~1.5 decades, so the exploding
// test error of an overfit model does not flatten the bottom of the U.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QVector>

namespace dslab {

class ComplexityCurveView : public ChartWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QVector<double> values;  // one per x value; NaN = not measured (yet)
        QColor color;
        bool dashed = false;
    };

    explicit ComplexityCurveView(QWidget* parent = nullptr);

    void setAxisTitles(const QString& x, const QString& y);
    void setCurves(const QVector<double>& x, const QList<Series>& series);
    void setCurrent(double x);
    // The best x value and the text naming it (e.g. "best degree 4"); NaN hides it.
    void setBest(double x, const QString& label);
    void clear();

    bool isLogScale() const { return m_log; }
    int seriesCount() const { return static_cast<int>(m_series.size()); }
    QString toCsv() const override;
    bool hasData() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<double> m_x;
    QList<Series> m_series;
    QString m_xTitle, m_yTitle;
    double m_current = 0;
    bool m_hasCurrent = false;
    double m_best = 0;
    QString m_bestLabel;
    bool m_log = false;
};

}  // namespace dslab
