// Lab "imbalance" (lesson 17): a classifier on imbalanced 2-D data with the
// remedies side by side. A sampler chooser puts SMOTE, RandomOverSampler or
// RandomUnderSampler into the pipeline (the Pipeline applies it only while
// fitting), class_weight reweights the loss, and a decision-threshold slider
// moves the boundary without retraining. The scatter shows the boundary at
// the threshold and the rows the sampler added (diamonds); a table scores the
// held-out test set (real ratio, never resampled) for the model and for a
// majority-class DummyClassifier, so accuracy is seen to mislead; a second
// table keeps one row per setting the learner tried.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/binary_metrics.h"
#include "ui/labs/plane_dataset.h"

#include <QJsonObject>
#include <QVariant>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace dslab {

class DatasetControls;
class DecisionBoundaryView;
class ParamForm;

class ImbalanceLab : public Lab {
    Q_OBJECT
public:
    explicit ImbalanceLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ImbalanceLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed), weights ([majority,
    // minority]: the minority share is the generator's ratio), test_size
    // (stratified split, always), threshold, pipeline (may hold one sampler
    // step: SMOTE, RandomOverSampler, RandomUnderSampler), optional sampler
    // and k_neighbors (override the pipeline's), knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // On the test set at the current threshold: accuracy, recall, precision,
    // f1, balanced_accuracy, mcc; roc_auc, average_precision; n_synthetic
    // (rows the sampler added), train_rows (rows the model was fitted on),
    // positive_rate; the majority baseline's baseline_accuracy,
    // baseline_recall, baseline_roc_auc; comparison_rows.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setThreshold(double threshold);
    double threshold() const;
    void setSampler(const QString& type);
    QString sampler() const;
    DecisionBoundaryView* boundaryView() const { return m_boundary; }
    QTableWidget* metricsTable() const { return m_metricsTable; }
    QTableWidget* comparisonTable() const { return m_comparison; }
    ParamForm* knobs() const { return m_knobs; }
    QPushButton* trainButton() const { return m_trainButton; }

private:
    void buildUi();
    void reset();
    void train();
    void errorShown() override;
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void recount();            // the threshold moved or new scores came
    void renderBoundary();     // the field at the current threshold
    void recordSetting();      // upserts the comparison row of the current setting
    QString settingLabel() const;
    void modelChanged();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;    // the preset's steps, sampler removed
    QString m_modelStep;
    PlaneDataset m_data;
    bool m_trained = false;
    // From the last training (the worker's snapshot).
    Vector m_scores, m_baselineScores, m_baselineLabels;
    std::vector<float> m_grid;  // P(positive) on the boundary grid
    int m_gridSize = 0;
    QRectF m_gridBounds;
    int m_trainRows = 0, m_added = 0, m_removed = 0;
    BinaryMetrics m_current, m_baseline;
    QMap<QString, double> m_measurements;
    QStringList m_settings;    // comparison rows, by setting label

    DatasetControls* m_dataControls = nullptr;
    QDoubleSpinBox* m_minority = nullptr;
    QComboBox* m_sampler = nullptr;
    QSpinBox* m_kNeighbors = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_threshold = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QPushButton* m_trainButton = nullptr;
    QLabel* m_status = nullptr;
    DecisionBoundaryView* m_boundary = nullptr;
    QTableWidget* m_metricsTable = nullptr;
    QTableWidget* m_comparison = nullptr;
    QTimer* m_settle = nullptr;  // records the threshold once the slider rests
};

}  // namespace dslab
