// Lab "leakage" (lesson 37): preprocessing fitted before cross-validation vs
// inside the pipeline, on pure noise. Each repeat draws a new data set (n_samples
// rows of n_features standard normal columns, balanced random labels: nothing
// to learn, chance is 0.5) and scores the same steps two ways on the worker:
//  - before_cv: the preprocessing (StandardScaler, SelectKBest) is fitted on
//    ALL rows and only the model is cross-validated on its output (leaky);
//  - inside_cv: the whole pipeline is cross-validated, so each fold fits the
//    preprocessing on its own training rows (honest).
// A strip chart shows both workflows over the repeats, a second one the fold
// scores of the chosen workflow, and the summary the measured gap.
#pragma once

#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QList>
#include <QVector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dslab {

class ScoreStripView;
struct TrainStep;

class LeakageLab : public Lab {
    Q_OBJECT
public:
    explicit LeakageLab(QWidget* parent = nullptr);
    ~LeakageLab() override;

    // Preset keys: n_samples, n_features, random_state (the first repeat's data
    // seed), repeats, cv ({"type": "StratifiedKFold"|"KFold", n_splits, shuffle,
    // random_state}), fit_preprocessing (before_cv | inside_cv, also
    // inside_pipeline), pipeline ({"steps": [...]}, the last one the model),
    // pipeline_params, knobs (fit_preprocessing, k, n_features, n_samples,
    // repeats, steps). dataset/centers/cluster_std/random_labels describe the
    // noise and are not knobs: the data is always noise with random labels.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // leaky_mean/std/min/max, honest_mean/std/min/max (mean CV accuracy per
    // repeat, then over the repeats), gap (leaky_mean - honest_mean), score
    // (the chosen workflow's mean), repeats (finished).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setLeaky(bool beforeCv);
    bool isLeaky() const;
    void setK(int k);
    void setFeatures(int n);
    void setSamples(int n);
    void setRepeats(int n);
    void setSelectorStep(bool on);
    void run();
    // Mean CV accuracy of each finished repeat, per workflow.
    const QVector<double>& leakyScores() const { return m_leaky; }
    const QVector<double>& honestScores() const { return m_honest; }
    ScoreStripView* repeatsView() const { return m_repeatsView; }
    ScoreStripView* foldsView() const { return m_foldsView; }
    QPushButton* runButton() const { return m_runButton; }

private:
    void buildUi();
    void clearResults();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void redraw();
    // The preset's pipeline with the knobs applied (k, the selector step on or off).
    QJsonObject resolvedSpec() const;
    QString validate() const;

    QJsonObject m_preset;
    QVector<double> m_leaky, m_honest;
    QList<QVector<double>> m_leakyFolds, m_honestFolds;
    QMap<QString, double> m_measurements;
    QJsonObject m_selectorSpec;  // the SelectKBest step to put back when the box is ticked

    QFormLayout* m_form = nullptr;
    QFormLayout* m_form2 = nullptr;
    QComboBox* m_mode = nullptr;
    QSpinBox* m_k = nullptr;
    QSpinBox* m_features = nullptr;
    QSpinBox* m_samples = nullptr;
    QSpinBox* m_repeats = nullptr;
    QCheckBox* m_selector = nullptr;
    QPushButton* m_runButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    ScoreStripView* m_repeatsView = nullptr;
    ScoreStripView* m_foldsView = nullptr;
};

}  // namespace dslab
