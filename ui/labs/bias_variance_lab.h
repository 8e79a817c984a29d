// Lab "bias-variance" (lesson 10): the bootstrap bias-variance decomposition
// of a regression model on the sine wave (engine/model_selection/
// bias_variance.h). The model is refitted on n_fits bootstrap samples of the
// training points; the lab draws every fit (thin), their average (thick) and
// the true function, with bias², variance, noise and the measured total error
// as bars for the current complexity, and bias², variance and total against
// every complexity value of the preset. All fits run on the worker, with
// progress and Cancel; moving the slider decomposes one setting again.
#pragma once

#include "ui/labs/curve_data.h"
#include "engine/core/train_context.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QVariant>

class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dslab {

class ComplexityCurveView;
class DatasetControls;
class FeatureBarView;
class FitCurveView;
class ParamForm;

class BiasVarianceLab : public Lab {
    Q_OBJECT
public:
    explicit BiasVarianceLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~BiasVarianceLab() override;

    // Preset keys: dataset (sine), n_samples (training points), noise, seed,
    // test_samples (evenly spaced test inputs, default 200), pipeline,
    // pipeline_params, n_fits (bootstrap fits), resample ("bootstrap"),
    // complexity {param, values}, knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // At the current value: complexity, bias2, variance, noise, total; after
    // a sweep best_value (lowest total), best_total and bias2_at_<v>,
    // variance_at_<v>, total_at_<v> for every value v.
    QMap<QString, double> measurements() const override;

    // For tests.
    void setComplexityIndex(int index);
    int complexityIndex() const;
    const ComplexitySpec& complexity() const { return m_complexity; }
    QSpinBox* fitsBox() const { return m_fits; }
    DatasetControls* dataControls() const { return m_dataControls; }
    FitCurveView* fitView() const { return m_fitView; }
    FeatureBarView* barView() const { return m_bars; }
    ComplexityCurveView* curveView() const { return m_curve; }
    ParamForm* knobs() const { return m_knobs; }

private:
    void buildUi();
    void reset();
    void train();
    void start(bool sweep);
    void settingsChanged();  // n_fits or a model knob: everything is stale
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
    bool m_live = false;
    bool m_sweepValid = false;
    QVector<double> m_sweepBias, m_sweepVariance, m_sweepNoise, m_sweepTotal;
    QMap<QString, double> m_measurements, m_sweepMeasurements;

    DatasetControls* m_dataControls = nullptr;
    QSpinBox* m_fits = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_sliderLabel = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_metrics = nullptr;
    FitCurveView* m_fitView = nullptr;
    FeatureBarView* m_bars = nullptr;
    ComplexityCurveView* m_curve = nullptr;
};

}  // namespace dslab
