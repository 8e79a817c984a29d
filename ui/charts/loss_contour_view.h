// A loss surface over two weights as contour bands (the gap to the minimum on
// a log scale, two bands a decade, a dark line between bands), the path of
// an optimizer over it (start, every step, end) and the minimum. The plot is
// square and the box is square in weight units, so a round bowl looks round
// and an ill-conditioned one shows as needle-thin ellipses.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QVector>
#include <vector>

namespace dslab {

// loss: gridSize² values, row-major from the bottom-left, x fastest; minLoss
// the surface's minimum. Any thread.
QImage renderLossContourImage(const std::vector<double>& loss, int gridSize, double minLoss);

class LossContourView : public ChartWidget {
    Q_OBJECT
public:
    explicit LossContourView(QWidget* parent = nullptr);

    void setSurface(const QImage& image, const QRectF& bounds);
    void setPath(const QVector<QPointF>& path);
    void setOptimum(const QPointF& optimum);
    void setAxisNames(const QString& xName, const QString& yName);
    // A short note drawn in the plot's top-left corner (steps to converge).
    void setNote(const QString& note);
    void clear();

    const QVector<QPointF>& path() const { return m_path; }
    QString note() const { return m_note; }
    QString toCsv() const override;
    bool hasData() const override { return !m_image.isNull(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QRectF m_bounds{-1, -1, 2, 2};
    QVector<QPointF> m_path;
    QPointF m_optimum;
    bool m_hasOptimum = false;
    QString m_xName, m_yName, m_note;
};

}  // namespace dslab
