// One prediction explained: start at the expected model output E[f(X)] (the
// bottom), add one feature's SHAP value per row (red arrows push the output
// up, blue ones down), and arrive at this sample's output f(x) at the top.
// The largest contributions come first; the rest share one row. The units
// (log-odds or probability) are the caller's to say.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QStringList>
#include <QVector>

namespace dslab {

class ShapWaterfallView : public ChartWidget {
    Q_OBJECT
public:
    // One arrow, in the order the sum is built: steps().first().start is
    // E[f(X)], steps().last().end is f(x).
    struct Step {
        QString label;  // "feature = value" or "Sum of N other features"
        double start = 0;
        double end = 0;
    };

    explicit ShapWaterfallView(QWidget* parent = nullptr);

    // shapValues and featureValues: one entry per feature (featureValues may
    // be empty). f(x) = expectedValue + sum(shapValues).
    void setExplanation(double expectedValue, const Eigen::VectorXd& shapValues, const Eigen::VectorXd& featureValues,
                        const QStringList& featureNames);
    void clear();
    void setMaxDisplay(int features);  // default 10; <= 0 shows all
    // E.g. "log-odds" or "probability"; shown in the axis title.
    void setUnitsLabel(const QString& units);
    QString unitsLabel() const { return m_units; }

    QVector<Step> steps() const { return m_steps; }
    double expectedValue() const { return m_expected; }
    double prediction() const { return m_steps.isEmpty() ? m_expected : m_steps.last().end; }

    QString toCsv() const override;
    bool hasData() const override { return !m_steps.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void rebuildSteps();

    double m_expected = 0;
    Eigen::VectorXd m_shap, m_values;
    QStringList m_names;
    int m_maxDisplay = 10;
    QString m_units;
    QVector<Step> m_steps;
};

}  // namespace dslab
