// Vertical bars in labelled groups, one bar per series in each group (scores
// per encoding x model, accuracy per imputation strategy, missing counts per
// column), each bar with its value printed on it. A series can instead be
// drawn as a line with dots across the groups (a model's predicted rate per
// category over the observed rate's bars). A value that is NaN leaves its
// bar out (a combination that could not be run). Drawn with QPainter in the
// shared chart ink.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QColor>
#include <QStringList>
#include <QVector>

namespace dslab {

class BarSeriesView : public ChartWidget {
    Q_OBJECT
public:
    explicit BarSeriesView(QWidget* parent = nullptr);

    // Groups along x (their labels under the axis) and the y axis title.
    void setGroups(const QStringList& groups);
    void setTitles(const QString& xTitle, const QString& yTitle);
    // values has one entry per group. Returns the series index.
    int addSeries(const QString& name, const QVector<double>& values, const QColor& colour, bool asLine = false);
    void clear();  // groups stay; series go
    // Bars start at lo (not 0) when a fixed range is set, so close scores stay apart.
    void setYRange(double lo, double hi);
    void clearYRange();
    void setValueDecimals(int decimals) { m_decimals = decimals; update(); }
    // A note drawn in the plot's top-left corner (e.g. which bar is best).
    void setNote(const QString& note) { m_note = note; update(); }

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    QStringList groups() const { return m_groups; }
    double value(int series, int group) const;
    QString seriesName(int series) const;

    QString toCsv() const override;
    bool hasData() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Series {
        QString name;
        QVector<double> values;
        QColor colour;
        bool line = false;
    };
    QStringList m_groups;
    QVector<Series> m_series;
    QString m_xTitle, m_yTitle, m_note;
    bool m_fixedY = false;
    double m_yLo = 0, m_yHi = 1;
    int m_decimals = 3;
};

}  // namespace dslab
