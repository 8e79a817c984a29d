// Lab "learning-curve" (lesson 14), two curves of one pipeline:
//  - "train_size": the engine's learningCurve, one training size at a time
//    so the curve grows live: mean training and validation score over the
//    folds with +-1 std bands, and a diagnosis line (high bias: both low and
//    close; high variance: a wide gap that narrows with more rows) with the
//    numbers behind it;
//  - "epochs": the model fitted once with a held-out validation part; its
//    per-step training and validation loss, reported by the model's observer,
//    drawn as they arrive, with the step of the lowest validation loss marked
//    (where early stopping would keep the weights).
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"

#include <QJsonObject>
#include <QList>
#include <QVariant>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace dslab {

class DatasetControls;
class LineBandView;
class ParamForm;
struct TrainStep;

class LearningCurveLab : public Lab {
    Q_OBJECT
public:
    explicit LearningCurveLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~LearningCurveLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed), curve ("train_size" or
    // "epochs"), train_sizes (fractions or row counts), cv (folds), scoring,
    // validation_fraction (epochs: the held-out share, default 0.3),
    // pipeline (+ pipeline_params), knobs (curve keys and model parameters).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // train_size: final_train_score, final_validation_score, gap (at the
    // largest size), first_gap, first_train_score, first_validation_score
    // (at the smallest), train_std, validation_std,
    // validation_gain (last minus first validation score), largest_size.
    // epochs: final_train_loss, final_validation_loss, best_epoch,
    // best_validation_loss, epochs, final_train_score, final_validation_score
    // (accuracy), loss_gap (final validation minus final training loss).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    LineBandView* chart() const { return m_chart; }
    QString diagnosis() const;
    QString curveKind() const;
    ParamForm* knobs() const { return m_knobs; }

private:
    void buildUi();
    void reset();
    void run();
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void diagnoseSizes();
    void prepareChart();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QString m_modelStep;
    PlaneDataset m_data;
    bool m_classifier = true;
    QMap<QString, double> m_measurements;
    // train_size: one entry per finished size.
    struct SizePoint {
        double rows = 0, trainMean = 0, trainStd = 0, testMean = 0, testStd = 0;
    };
    std::vector<SizePoint> m_sizes;
    // epochs: losses per step.
    std::vector<double> m_trainLoss, m_validationLoss;

    DatasetControls* m_dataControls = nullptr;
    QComboBox* m_curve = nullptr;
    QLineEdit* m_trainSizes = nullptr;
    QSpinBox* m_cv = nullptr;
    QComboBox* m_scoring = nullptr;
    ParamForm* m_knobs = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_diagnosis = nullptr;
    LineBandView* m_chart = nullptr;
};

}  // namespace dslab
