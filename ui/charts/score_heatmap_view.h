// Validation score over two hyperparameters: a heatmap of the scores on a
// grid (cells not evaluated stay empty), and numbered markers in the order a
// search tried its points, so grid, random and Bayesian search can be told
// apart at a glance. The best score is always at the top of the colour bar,
// whether higher (accuracy) or lower (loss) is better.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QColor>
#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace dslab {

class ScoreHeatmapView : public ChartWidget {
    Q_OBJECT
public:
    struct Trial {
        double x = 0, y = 0;  // hyperparameter values
        double score = 0;     // NaN when unknown
    };

    explicit ScoreHeatmapView(QWidget* parent = nullptr);

    // scores: yValues.size() rows x xValues.size() columns; NaN = not evaluated.
    void setGrid(const Eigen::VectorXd& xValues, const Eigen::VectorXd& yValues, const Eigen::MatrixXd& scores);
    // Trials in the order the search ran them (drawn as 1, 2, 3, ...).
    void setTrials(const QVector<Trial>& trials);
    void clear();
    void setAxisNames(const QString& xName, const QString& yName);
    // Log axes for parameters searched over orders of magnitude (C, alpha,
    // learning rate); an axis with a value <= 0 stays linear.
    void setLogAxes(bool logX, bool logY);
    void setScoreLabel(const QString& label);
    // False for losses and errors: the lowest score is then the best.
    void setHigherIsBetter(bool higher);
    // Draw a thin line through the trials in order (default on).
    void setShowSearchPath(bool on);

    // 0 (bottom of the colour bar, worst) to 1 (top, best).
    double colorScalePosition(double score) const;
    QColor colorForScore(double score) const;
    // The best evaluated grid cell (x = column, y = row), or (-1, -1).
    QPoint bestCell() const;
    // Index of the best trial, or -1.
    int bestTrial() const;
    QPointF mapToWidget(double x, double y) const;
    QRectF cellRect(int row, int column) const;

    QString toCsv() const override;
    bool hasData() const override { return m_scores.size() > 0 || !m_trials.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Frame {
        QRectF plot;
        double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    };
    Frame frame() const;
    void updateScoreRange();
    std::vector<double> edges(const Eigen::VectorXd& values, bool log) const;
    bool logX() const;
    bool logY() const;

    Eigen::VectorXd m_x, m_y;
    Eigen::MatrixXd m_scores;
    QVector<Trial> m_trials;
    QString m_xName, m_yName, m_scoreLabel;
    bool m_requestLogX = false, m_requestLogY = false;
    bool m_higherIsBetter = true;
    bool m_showPath = true;
    double m_scoreLo = 0, m_scoreHi = 1;
};

}  // namespace dslab
