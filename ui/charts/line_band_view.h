// Lines over a linear or logarithmic x axis, each optionally with a shaded
// band (mean +- std over folds), plus labelled vertical markers (the best
// value, the current point). Drawn with QPainter so a path of many lines can
// fill in point by point while training runs, over an x range fixed in
// advance. Used for learning curves (score vs rows, loss vs epoch) and
// regularization paths (coefficient vs alpha, CV score vs alpha).
#pragma once

#include "ui/charts/chart_widget.h"

#include <QColor>
#include <QPointF>
#include <QStringList>
#include <QVector>

namespace dslab {

class LineBandView : public ChartWidget {
    Q_OBJECT
public:
    explicit LineBandView(QWidget* parent = nullptr);

    // Returns the series index. A band needs one (low, high) pair per point.
    int addSeries(const QString& name, const QColor& colour, bool dashed = false);
    void append(int series, double x, double y);
    void append(int series, double x, double y, double low, double high);
    void clear();  // series, points and markers

    void setTitles(const QString& xTitle, const QString& yTitle);
    void setLogX(bool log);
    // A fixed x range (the path's grid), so the axis does not move as points arrive.
    void setXRange(double lo, double hi);
    // Fixed y range; without it the range follows the data (and bands).
    void setYRange(double lo, double hi);
    void clearYRange();
    // Vertical marker lines; `key` identifies one so it can be moved.
    void setMarker(const QString& key, double x, const QString& label, const QColor& colour);
    void removeMarker(const QString& key);
    bool hasMarker(const QString& key) const;
    double markerX(const QString& key) const;
    // At most this many legend entries (the rest are counted in a last line).
    void setLegendLimit(int entries) { m_legendLimit = entries; }
    // Least room left of the plot (axis labels) and right of it (legend), so
    // two charts stacked over the same x axis line their plots up.
    void setMinimumMargins(double left, double right)
    {
        m_minLeft = left;
        m_minRight = right;
        update();
    }

    int seriesCount() const { return static_cast<int>(m_series.size()); }
    int pointCount(int series) const;
    QPointF point(int series, int index) const;
    QString seriesName(int series) const;

    QString toCsv() const override;
    bool hasData() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Series {
        QString name;
        QColor colour;
        bool dashed = false;
        QVector<QPointF> points;
        QVector<double> low, high;  // empty when the series has no band
    };
    struct Marker {
        QString key, label;
        double x = 0;
        QColor colour;
    };
    void dataRange(double& x0, double& x1, double& y0, double& y1) const;

    QVector<Series> m_series;
    QVector<Marker> m_markers;
    QString m_xTitle, m_yTitle;
    bool m_logX = false;
    bool m_fixedX = false, m_fixedY = false;
    double m_x0 = 0, m_x1 = 1, m_y0 = 0, m_y1 = 1;
    int m_legendLimit = 12;
    double m_minLeft = 0, m_minRight = 0;
};

}  // namespace dslab
