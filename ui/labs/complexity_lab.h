// Lab "complexity" (lesson 8): one slider moves a model's complexity (the
// preset's complexity parameter, e.g. the polynomial degree or a tree's
// max_depth) and the lab shows the fit at that setting beside the error
// against complexity for every value of the list: training error falling
// steadily, test error tracing a U. Regression (the sine generator): training
// and test points with the fitted curve and the truth; classification (2-D
// generators): the decision regions. Every fit runs on the worker: moving the
// slider refits one model; a data or model change also re-runs the sweep.
#pragma once

#include "ui/labs/curve_data.h"
#include "engine/core/train_context.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QVariant>

class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;

namespace dslab {

class ComplexityCurveView;
class DatasetControls;
class DecisionBoundaryView;
class FitCurveView;
class ParamForm;

class ComplexityLab : public Lab {
    Q_OBJECT
public:
    explicit ComplexityLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ComplexityLab() override;

    // Preset keys: dataset (sine or a 2-D generator), n_samples (training
    // points), noise, seed, test_samples (default 500), pipeline,
    // pipeline_params, complexity {param, values}, knobs (model parameters
    // shown as knobs; a penalty "alpha" is always shown when the model has one).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // complexity (the current value), train_error, test_error (mean squared
    // error, or 1 - accuracy for a classifier; then also train_accuracy,
    // test_accuracy) at the current value; after a sweep best_value,
    // best_test_error, train_error_first/last, test_error_first/last and
    // train_error_at_<v>, test_error_at_<v> for every value v.
    QMap<QString, double> measurements() const override;

    // For tests.
    void setComplexityIndex(int index);
    int complexityIndex() const;
    const ComplexitySpec& complexity() const { return m_complexity; }
    QSlider* complexitySlider() const { return m_slider; }
    FitCurveView* fitView() const { return m_fitView; }
    DecisionBoundaryView* boundaryView() const { return m_boundary; }
    ComplexityCurveView* curveView() const { return m_curve; }
    DatasetControls* dataControls() const { return m_dataControls; }
    ParamForm* knobs() const { return m_knobs; }
    QPushButton* trainButton() const { return m_trainButton; }

private:
    void buildUi();
    void reset();          // new data: forget every result
    void modelChanged();   // a knob moved: the sweep is stale
    void train();          // fit the current value and (re)run the sweep
    void refitCurrent();   // the slider moved: one fit
    void start(bool sweep);
    void updateSliderLabel();
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void drawSweep();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QString m_modelStep;
    ComplexitySpec m_complexity;
    CurveData m_data;
    bool m_live = false;  // trained once: changes refit at once
    bool m_sweepValid = false;
    QVector<double> m_sweepTrain, m_sweepTest;
    QMap<QString, double> m_measurements;       // the fit at the current value
    QMap<QString, double> m_sweepMeasurements;  // the completed sweep

    DatasetControls* m_dataControls = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_sliderLabel = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_metrics = nullptr;
    QStackedWidget* m_pictures = nullptr;
    FitCurveView* m_fitView = nullptr;
    DecisionBoundaryView* m_boundary = nullptr;
    ComplexityCurveView* m_curve = nullptr;
};

}  // namespace dslab
