// Partial dependence: the model's average prediction as one feature sweeps a
// grid (thick line), over the individual (ICE) curves of a sample of rows
// (thin, translucent) and a rug of the feature's actual values, which shows
// where the curve rests on data and where it extrapolates. With two features
// the average is a heatmap over the two grids, with a colour bar.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QString>
#include <vector>

namespace dslab {

class PartialDependenceView : public ChartWidget {
    Q_OBJECT
public:
    explicit PartialDependenceView(QWidget* parent = nullptr);

    // grid: the feature's grid values; average: PD at each grid value; ice:
    // samples x grid (may be empty); dataValues: the feature's column, for the
    // rug (may be empty).
    void setOneWay(const QString& featureName, const Eigen::VectorXd& grid, const Eigen::VectorXd& average,
                   const Eigen::MatrixXd& ice = {}, const Eigen::VectorXd& dataValues = {});
    // average: gridY.size() rows x gridX.size() columns.
    void setTwoWay(const QString& xName, const QString& yName, const Eigen::VectorXd& gridX,
                   const Eigen::VectorXd& gridY, const Eigen::MatrixXd& average);
    void clear();
    // y axis (one way) or colour bar (two way) title; default "partial dependence".
    void setResponseLabel(const QString& label);
    // ICE curves drawn at most (default 100, an evenly spaced sample of rows).
    void setMaxIceLines(int lines);

    bool isTwoWay() const { return m_twoWay; }
    // The rows whose ICE curves are drawn.
    const std::vector<int>& iceRowsShown() const { return m_iceRows; }
    QString toCsv() const override;
    bool hasData() const override { return m_gridX.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void pickIceRows();
    void paintOneWay(QPainter& painter);
    void paintTwoWay(QPainter& painter);

    bool m_twoWay = false;
    QString m_xName, m_yName, m_response;
    Eigen::VectorXd m_gridX, m_gridY, m_average1, m_data;
    Eigen::MatrixXd m_ice, m_average2;
    int m_maxIce = 100;
    std::vector<int> m_iceRows;
};

}  // namespace dslab
