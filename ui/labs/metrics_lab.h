// Lab "metrics" (lesson 18): a real classifier against a baseline
// (DummyClassifier by default) on the same held-out rows, one table with
// both rows' threshold metrics (accuracy, balanced accuracy, precision,
// recall, F1, MCC), ranking metrics (ROC-AUC, average precision) and
// probability metrics (log loss, Brier). A threshold slider re-counts the
// model's predictions: the confusion matrix and the marker on the ROC curve
// move, while ROC-AUC, average precision, log loss and Brier cannot. A
// histogram of the predicted probabilities by true class shows ranking and
// confidence apart.
#pragma once

#include "ui/labs/binary_metrics.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QStringList>
#include <QVariant>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace dslab {

class ConfusionMatrixView;
class ParamForm;
class ProbabilityHistogramView;
class RocPrCurveView;

class MetricsLab : public Lab {
    Q_OBJECT
public:
    explicit MetricsLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~MetricsLab() override;

    // Preset keys: dataset (a built-in binary table, all numeric columns, or
    // the "imbalanced" generator with n_samples, noise, weights), seed,
    // positive_class (a class name; default the second label), test_size
    // (stratified), threshold, baseline (one step, default DummyClassifier
    // strategy prior), pipeline, knobs (threshold, dataset, weights and the
    // model's parameters, e.g. C).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // model_<m> and baseline_<m> for m in accuracy, balanced_accuracy,
    // precision, recall, f1, mcc, roc_auc, average_precision, log_loss,
    // brier; and threshold, tp, fp, fn, tn (model), positive_rate,
    // min_probability, max_probability (model, test set).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setThreshold(double threshold);
    double threshold() const;
    QTableWidget* table() const { return m_table; }
    QComboBox* datasetCombo() const { return m_dataset; }
    QDoubleSpinBox* positiveShareBox() const { return m_minority; }
    ConfusionMatrixView* confusionView() const { return m_confusion; }
    RocPrCurveView* rocView() const { return m_roc; }
    ProbabilityHistogramView* histogramView() const { return m_histogram; }
    ParamForm* knobs() const { return m_knobs; }

private:
    struct Data {
        Matrix trainX, testX;
        Vector trainY, testY;  // 1 = the positive class
        QStringList classNames;  // {negative, positive}
        QString description;
    };
    void buildUi();
    void reset();
    void train();
    void errorShown() override;
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void recount();
    void modelChanged();
    Data buildData() const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QJsonObject m_baselineSpec;
    QString m_modelStep;
    QString m_baselineName;
    Data m_data;
    Vector m_scores, m_baselineScores, m_baselineLabels;
    BinaryMetrics m_model, m_baseline;
    QMap<QString, double> m_measurements;

    QComboBox* m_dataset = nullptr;
    QDoubleSpinBox* m_minority = nullptr;
    ParamForm* m_knobs = nullptr;
    QSlider* m_threshold = nullptr;
    QLabel* m_thresholdLabel = nullptr;
    QPushButton* m_trainButton = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
    RocPrCurveView* m_roc = nullptr;
    ProbabilityHistogramView* m_histogram = nullptr;
};

}  // namespace dslab
