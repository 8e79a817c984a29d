// Vertical bars in groups: one group per category (a model), one bar per
// series inside it (a scaler), the value printed on each bar, a legend of
// the series above the plot. A NaN value leaves its slot empty with "n/a"
// (a fit that failed). One category can be marked as the current one.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QStringList>

namespace dslab {

class GroupedBarView : public ChartWidget {
    Q_OBJECT
public:
    explicit GroupedBarView(QWidget* parent = nullptr);

    // values: categories x series.
    void setValues(const Eigen::MatrixXd& values, const QStringList& categories, const QStringList& series);
    void clear();
    void setTitle(const QString& title);
    void setYTitle(const QString& title);
    // Fixed y range (default 0..1), widened to fit the values.
    void setYRange(double lo, double hi);
    // The category drawn with a frame and bold label; -1 for none.
    void setCurrentCategory(int category);

    const Eigen::MatrixXd& values() const { return m_values; }
    const QStringList& categories() const { return m_categories; }
    const QStringList& series() const { return m_series; }
    QString toCsv() const override;
    bool hasData() const override { return m_values.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::MatrixXd m_values;
    QStringList m_categories, m_series;
    QString m_title, m_yTitle;
    double m_yLo = 0, m_yHi = 1;
    int m_current = -1;
};

}  // namespace dslab
