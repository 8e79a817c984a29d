// Lab "threshold" (lesson 15): a classifier trained once on imbalanced 2-D
// data (on the worker), then one decision-threshold slider drives everything
// at once: the confusion matrix, accuracy, precision, recall and F-beta, and
// the current point on the ROC and precision-recall curves, beside the
// F-beta-versus-threshold curve with its best threshold. Moving the slider
// only re-counts the held-out predictions already computed; it never trains.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"

#include <QJsonObject>
#include <QVariant>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace dslab {

class ConfusionMatrixView;
class DatasetControls;
class LearningCurveView;
class ParamForm;
class RocPrCurveView;

class ThresholdLab : public Lab {
    Q_OBJECT
public:
    explicit ThresholdLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ThresholdLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed), weights ([majority,
    // minority] shares; the minority share becomes the imbalanced
    // generator's ratio), test_size, threshold, beta, pipeline, knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // At the current threshold: accuracy, precision, recall, f_beta, tp, fp,
    // fn, tn; and best_threshold, best_f_beta, roc_auc, average_precision,
    // positive_rate.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setThreshold(double threshold);
    double threshold() const;
    void setBeta(double beta);
    ConfusionMatrixView* confusionView() const { return m_confusion; }
    RocPrCurveView* rocView() const { return m_roc; }
    RocPrCurveView* prView() const { return m_pr; }
    LearningCurveView* fBetaView() const { return m_fCurve; }
    QPushButton* trainButton() const { return m_trainButton; }
    ParamForm* knobs() const { return m_knobs; }

private:
    void buildUi();
    void reset();
    void train();
    void errorShown() override;
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void recount();        // the threshold or beta moved
    void drawFBetaCurve(); // beta changed or new scores

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QString m_modelStep;
    PlaneDataset m_data;
    Vector m_scores;  // P(positive) of each held-out row, from the last training
    QMap<QString, double> m_measurements;

    DatasetControls* m_dataControls = nullptr;
    QDoubleSpinBox* m_minority = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_threshold = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QDoubleSpinBox* m_beta = nullptr;
    QPushButton* m_trainButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_metrics = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
    RocPrCurveView* m_roc = nullptr;
    RocPrCurveView* m_pr = nullptr;
    LearningCurveView* m_fCurve = nullptr;
};

}  // namespace dslab
