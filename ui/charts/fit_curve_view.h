// A 1-D regression picture: training points (filled) and test points
// (hollow), the noise-free truth (dashed), and the model's fitted curve
// (thick). Optionally a bundle of thin, translucent curves under it: the fits
// of many resampled training sets, whose spread is the model's variance.
// Curves are clipped to a fixed y range, so a wild fit leaves the picture
// instead of squashing it.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QString>

namespace dslab {

class FitCurveView : public ChartWidget {
    Q_OBJECT
public:
    explicit FitCurveView(QWidget* parent = nullptr);

    void setPoints(const Eigen::VectorXd& trainX, const Eigen::VectorXd& trainY, const Eigen::VectorXd& testX,
                   const Eigen::VectorXd& testY);
    // The inputs at which every curve below is given.
    void setGrid(const Eigen::VectorXd& grid);
    void setTruth(const Eigen::VectorXd& truth);
    void setFit(const Eigen::VectorXd& fit, const QString& label);
    // grid points x fits (may be empty).
    void setSpread(const Eigen::MatrixXd& fits);
    void setYRange(double lo, double hi);
    void setAxisTitles(const QString& x, const QString& y);
    void clearCurves();

    bool hasFit() const { return m_fit.size() > 0 && m_fit.size() == m_grid.size(); }
    int spreadCount() const { return m_spread.rows() == m_grid.size() ? static_cast<int>(m_spread.cols()) : 0; }
    QString toCsv() const override;
    bool hasData() const override { return m_trainX.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::VectorXd m_trainX, m_trainY, m_testX, m_testY, m_grid, m_truth, m_fit;
    Eigen::MatrixXd m_spread;
    QString m_fitLabel, m_xTitle = QStringLiteral("x"), m_yTitle = QStringLiteral("y");
    double m_yLo = -2, m_yHi = 2;
};

}  // namespace dslab
