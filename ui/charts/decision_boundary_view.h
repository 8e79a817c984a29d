// A classifier's decision regions over a 2-D plane: a field image (class
// colour, paler where the model is unsure, a dark line where the predicted
// class changes) under the training (filled) and validation (hollow) points.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QVector>
#include <vector>

namespace dslab {

// Probabilities on a grid, turned into an image (on any thread).
struct BoundaryField {
    QRectF bounds;   // data coordinates covered by the image
    QImage image;    // row 0 = top (largest y)
};

// proba: gridSize*gridSize rows (row-major from the bottom-left, x fastest),
// classCount columns.
QImage renderBoundaryImage(const std::vector<float>& proba, int gridSize, int classCount);

class DecisionBoundaryView : public ChartWidget {
    Q_OBJECT
public:
    struct Point {
        QPointF position;
        int label = 0;
        bool validation = false;
    };

    explicit DecisionBoundaryView(QWidget* parent = nullptr);
    void setPoints(const QVector<Point>& points, const QStringList& classNames, const QString& xName, const QString& yName);
    void setBounds(const QRectF& bounds);
    QRectF bounds() const { return m_bounds; }
    void setField(const BoundaryField& field);
    void clearField();
    // Numbered markers in data coordinates (k-means centres), drawn above the points.
    void setMarkers(const QVector<QPointF>& markers);
    const QVector<QPointF>& markers() const { return m_markers; }
    // Rows a sampler added (SMOTE's synthetic points) in data coordinates,
    // drawn as small diamonds of class `label`'s colour with a legend entry.
    void setExtraPoints(const QVector<QPointF>& points, int label, const QString& legend);
    const QVector<QPointF>& extraPoints() const { return m_extra; }
    const QImage& fieldImage() const { return m_field.image; }
    QString toCsv() const override;
    bool hasData() const override { return !m_points.isEmpty(); }
    bool hasField() const { return !m_field.image.isNull(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRectF plotRect() const;
    QPointF toWidget(const QPointF& p, const QRectF& plot) const;

    QVector<Point> m_points;
    QStringList m_classNames;
    QString m_xName, m_yName;
    QRectF m_bounds{-1, -1, 2, 2};
    BoundaryField m_field;
    QVector<QPointF> m_markers;
    QVector<QPointF> m_extra;
    int m_extraLabel = 0;
    QString m_extraLegend;
};

}  // namespace dslab
