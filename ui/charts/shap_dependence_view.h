// SHAP dependence plot: each sample's value of one feature (x) against that
// feature's SHAP value (y), coloured by a second feature's value, which shows
// where the effect of the first depends on the second (an interaction).
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QString>

namespace dslab {

class ShapDependenceView : public ChartWidget {
    Q_OBJECT
public:
    explicit ShapDependenceView(QWidget* parent = nullptr);

    // One entry per sample. colourValues may be empty (one colour, no bar).
    void setData(const Eigen::VectorXd& featureValues, const Eigen::VectorXd& shapValues, const QString& featureName,
                 const Eigen::VectorXd& colourValues = {}, const QString& colourName = {});
    void clear();
    // y axis title; default "SHAP value for <feature>".
    void setShapLabel(const QString& label);

    // The feature whose values best explain how `feature`'s SHAP values vary
    // at a given value of `feature` (shap's approximate_interactions): sort
    // the samples by X[:, feature], cut them into consecutive bins of about
    // 50, and within each bin correlate the SHAP values with each other
    // feature's values; the feature with the largest sum of |correlation| over
    // the bins wins. A correlation, so it finds monotone interactions and can
    // miss others. Returns -1 when there is no other feature.
    // shapValues and featureValues: samples x features.
    static int strongestInteraction(const Eigen::MatrixXd& shapValues, const Eigen::MatrixXd& featureValues,
                                    int feature);

    const Eigen::VectorXd& featureValues() const { return m_x; }
    const Eigen::VectorXd& shapValues() const { return m_y; }
    QString toCsv() const override;
    bool hasData() const override { return m_x.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::VectorXd m_x, m_y, m_c;
    QString m_featureName, m_colourName, m_shapLabel;
};

}  // namespace dslab
