// Lab "classifier2d": any classifier pipeline trained live on a 2-D dataset.
// The learner picks the data (generators or two columns of a real dataset)
// and the model's knobs; while the model trains on a worker thread, the
// decision regions, the train and validation loss, the confusion matrix on
// the validation part and the fitted coefficients update every frame.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"

#include <QJsonObject>
#include <QVariant>
#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dslab {

class ConfusionMatrixView;
class DatasetControls;
class DecisionBoundaryView;
class LearningCurveView;
class ParamForm;
class Pipeline;
class TrainingSession;
struct TrainStep;

class Classifier2DLab : public Lab {
    Q_OBJECT
public:
    explicit Classifier2DLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~Classifier2DLab() override;

    void applyPreset(const QJsonObject& preset) override;
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override;
    // validation_accuracy, train_accuracy (last frame), train_loss,
    // validation_loss, steps, best_iteration (boosting with early stopping),
    // zero_coefficients and nonzero_coefficients (linear models).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests and benchmarks.
    DecisionBoundaryView* boundaryView() const { return m_boundary; }
    LearningCurveView* lossView() const { return m_loss; }
    ConfusionMatrixView* confusionView() const { return m_confusion; }
    QTableWidget* coefficientTable() const { return m_coefficients; }
    ParamForm* knobs() const { return m_knobs; }
    DatasetControls* dataControls() const { return m_dataControls; }
    QPushButton* trainButton() const { return m_trainButton; }
    QPushButton* stepButton() const { return m_stepButton; }
    QPushButton* pauseButton() const { return m_pauseButton; }
    QPushButton* resetButton() const { return m_resetButton; }
    QString statusText() const;
    int snapshotsShown() const { return m_snapshotsShown; }
    int gridSize() const { return m_gridSize; }

private:
    void buildUi();
    void rebuildKnobs();
    void regenerateData();
    void clearResults();
    void startTraining(bool paused);
    void train();
    void pause();
    void step();
    void reset();
    void updateButtons();
    void errorShown() override;
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    QJsonObject currentDataPreset() const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    std::string m_pipelineSpec;  // JSON text of the preset's pipeline
    QString m_modelStep;         // name of the final step, for knob addresses
    PlaneDataset m_data;
    std::shared_ptr<Pipeline> m_pipeline;
    int m_gridSize = 200;
    int m_snapshotsShown = 0;
    int m_lastStep = 0;
    int m_lastSnapshotStep = 0;
    int m_totalSteps = 0;
    QMap<QString, double> m_measurements;

    DatasetControls* m_dataControls = nullptr;
    ParamForm* m_knobs = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_stepButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_dataInfo = nullptr;
    DecisionBoundaryView* m_boundary = nullptr;
    LearningCurveView* m_loss = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
    QTableWidget* m_coefficients = nullptr;
};

}  // namespace dslab
