// A 2-D projection of labelled rows (PCA scores or a t-SNE embedding), one
// dot per row in its class colour, with a legend of the classes. Fed plain
// coordinates: it knows nothing about the method that made them, so a t-SNE
// run can redraw it while it optimises.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QImage>
#include <QStringList>

namespace dslab {

class ProjectionScatterView : public ChartWidget {
    Q_OBJECT
public:
    explicit ProjectionScatterView(QWidget* parent = nullptr);

    // points: N x 2; labels: class index 0..K-1 per row; names: one per class.
    void setPoints(const Eigen::MatrixXd& points, const Eigen::VectorXi& labels, const QStringList& classNames);
    void setAxisTitles(const QString& x, const QString& y);
    // A line above the plot (method, iteration, KL).
    void setCaption(const QString& caption);
    void clear();
    const Eigen::MatrixXd& points() const { return m_points; }
    // Up to 10 distinguishable colours (Tableau 10), for digits' ten classes.
    static QColor colorOf(int label);

    QString toCsv() const override;
    bool hasData() const override { return m_points.rows() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::MatrixXd m_points;
    Eigen::VectorXi m_labels;
    QStringList m_names;
    QString m_xTitle, m_yTitle, m_caption;
};

}  // namespace dslab
