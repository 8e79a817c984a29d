// Predicted probabilities of the positive class as two histograms, one per
// true class (negatives and positives, in their class colours, overlaid and
// translucent), with the decision threshold as a vertical line. Shows at a
// glance how well the scores separate the classes (ranking) and how far
// they sit from 0 and 1 (confidence, which log loss judges).
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QStringList>
#include <QVector>

namespace dslab {

class ProbabilityHistogramView : public ChartWidget {
    Q_OBJECT
public:
    explicit ProbabilityHistogramView(QWidget* parent = nullptr);

    // truth: 0/1 per row; positive: P(class 1) per row. classNames: {negative, positive}.
    void setScores(const Eigen::VectorXd& truth, const Eigen::VectorXd& positive, const QStringList& classNames);
    void setThreshold(double threshold);
    void clear();
    // Rows of class `label` (0 or 1) in bin `bin` (of binCount() over [0, 1]).
    int count(int label, int bin) const;
    static constexpr int binCount() { return 20; }

    QString toCsv() const override;
    bool hasData() const override { return m_total > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<int> m_counts[2];
    QStringList m_names;
    int m_total = 0;
    double m_threshold = 0.5;
};

}  // namespace dslab
