// One horizontal bar per feature, sorted, with the value printed at the end of
// each bar. Three modes, because the same picture answers three questions:
//  - Magnitude: mean |SHAP| (global importance from SHAP values);
//  - WithErrors: permutation importance, mean +- std over the repeats;
//  - Signed: LIME (or linear) weights, positive and negative bars.
// Features past the display limit are summed into "Sum of N other features"
// (not in WithErrors mode: stds do not add, so the rest is only counted).
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QStringList>
#include <vector>

namespace dslab {

class FeatureBarView : public ChartWidget {
    Q_OBJECT
public:
    enum class Mode { Magnitude, WithErrors, Signed };

    explicit FeatureBarView(QWidget* parent = nullptr);

    // Mean |SHAP| of each column of a samples x features SHAP matrix.
    void setShapValues(const Eigen::MatrixXd& shapValues, const QStringList& featureNames);
    // Permutation importance: mean and standard deviation over the repeats.
    void setImportances(const Eigen::VectorXd& mean, const Eigen::VectorXd& stddev, const QStringList& featureNames);
    // Signed weights (LIME, coefficients): sorted by |weight|.
    void setWeights(const Eigen::VectorXd& weights, const QStringList& featureNames);
    // The general form behind the three above (errors only used in WithErrors).
    void setValues(Mode mode, const Eigen::VectorXd& values, const Eigen::VectorXd& errors, const QStringList& featureNames);
    void clear();

    void setMaxDisplay(int features);  // default 10; <= 0 shows all
    // Marks some features (by index) as chosen, e.g. by a feature selector:
    // their bars are drawn in the accent colour and the others muted. Empty
    // (the default) marks none. setValues keeps the marks; clear drops them.
    void setHighlighted(const std::vector<bool>& features);
    bool isHighlighted(int feature) const;
    // x axis title; each setter above picks a default for its mode.
    void setAxisLabel(const QString& label);

    Mode mode() const { return m_mode; }
    // Feature indices of the bars, top to bottom (the grouped row excluded).
    const std::vector<int>& featureOrder() const { return m_order; }
    // Labels and values of the bars as drawn, top to bottom (grouped row included).
    QStringList barLabels() const;
    std::vector<double> barValues() const;

    QString toCsv() const override;
    bool hasData() const override { return m_values.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Bar {
        QString label;
        double value = 0, error = 0;
    };
    void rebuildBars();

    Mode m_mode = Mode::Magnitude;
    Eigen::VectorXd m_values, m_errors;
    QStringList m_names;
    std::vector<int> m_order;
    std::vector<Bar> m_bars;
    int m_hidden = 0;  // features neither shown nor grouped (WithErrors mode)
    int m_maxDisplay = 10;
    std::vector<bool> m_highlighted;
    QString m_axisLabel;
};

}  // namespace dslab
