// Lab "regularization-path" (lesson 11): one pipeline fitted at every value
// of a penalty on a grid (Lasso__alpha, Ridge__alpha, LogisticRegression__C,
// ...), from the strongest penalty to the weakest, on the worker. Each value
// gives the coefficients of a fit on all rows (one line per feature against
// the parameter, log axis, filling in live) and a cross-validated score
// (the curve under it, with the best value marked). A slider picks a point on
// the path: its coefficients as bars and the count of exact zeros, which is
// where L1 (features leave one by one) and L2 (all shrink, none reach zero)
// part ways.
#pragma once

#include "ui/labs/full_table.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QList>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dslab {

class FeatureBarView;
class LineBandView;
class ParamForm;
struct TrainStep;

class RegularizationPathLab : public Lab {
    Q_OBJECT
public:
    explicit RegularizationPathLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~RegularizationPathLab() override;

    // Preset keys: dataset (diabetes, breast_cancer, ...), pipeline (+
    // pipeline_params), path {param ("Step__name"), min, max, num, log},
    // cv (folds of the score curve, default 5), scoring (default r2 or
    // accuracy), knobs (model parameters besides the swept one; the swept
    // one is the slider).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // At the slider's value: current_value, nonzero_coefficients,
    // zero_coefficients, score_at_current; over the path: best_value,
    // best_score, all_zero_above (smallest penalty at which every
    // coefficient is zero; absent if none), min_zero_count, max_zero_count,
    // path_points.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    int pathSize() const { return static_cast<int>(m_values.size()); }
    double pathValue(int index) const { return m_values.at(static_cast<std::size_t>(index)); }
    bool hasPoint(int index) const;
    // Coefficients (in feature order) at a grid index; empty before it is fitted.
    std::vector<double> coefficientsAt(int index) const;
    double scoreAt(int index) const;
    QStringList featureNames() const { return m_data.featureNames; }
    // Moves the slider to the grid value nearest to `value`.
    void setCurrentValue(double value);
    int currentIndex() const;
    LineBandView* pathView() const { return m_pathView; }
    LineBandView* scoreView() const { return m_scoreView; }
    FeatureBarView* barsView() const { return m_bars; }

private:
    void buildUi();
    void reset();
    void run();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void showCurrent();
    void updatePathMeasurements();
    void alignCharts();
    bool strongIsLarge() const;  // alpha-like (larger = stronger) or C-like

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QString m_param;  // "Lasso__alpha"
    bool m_log = true;
    FullTable m_data;
    std::vector<double> m_values;                  // the grid, increasing
    std::vector<std::vector<double>> m_coefs;      // per grid index; empty until fitted
    std::vector<double> m_scores, m_scoreStds;     // NaN until fitted
    QMap<QString, double> m_measurements;

    QComboBox* m_dataset = nullptr;
    QLabel* m_pathInfo = nullptr;
    QSpinBox* m_points = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_sliderLabel = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_current = nullptr;
    LineBandView* m_pathView = nullptr;
    LineBandView* m_scoreView = nullptr;
    FeatureBarView* m_bars = nullptr;
};

}  // namespace dslab
