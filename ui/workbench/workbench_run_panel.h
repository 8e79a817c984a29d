// The Workbench's Run panel: trains the pipeline the user built on the
// dataset the user opened, on the session's worker thread (the GUI thread
// never fits nor predicts), either once on a stratified train/test split or
// with k-fold cross-validation, with progress, Cancel and a status line.
// Results: a metrics table, the confusion matrix of a classifier, a learning
// curve on request (it refits the pipeline many times) and permutation
// importance on the test split, named by the pipeline's input features (for a
// pipeline that starts with a ColumnTransformer: its output columns). Any
// failure (steps that do not fit together, an unseen category, text into a
// linear model) is shown as the engine's message, which names the column.
#pragma once

#include <QMap>
#include <QString>
#include <QWidget>
#include <memory>
#include <nlohmann/json_fwd.hpp>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace dslab {

class ConfusionMatrixView;
class Dataset;
class FeatureBarView;
class LearningCurveView;
class TrainingSession;
struct TrainStep;

class WorkbenchRunPanel : public QWidget {
    Q_OBJECT
public:
    enum class Mode { TrainTestSplit, CrossValidation };

    explicit WorkbenchRunPanel(QWidget* parent = nullptr);
    ~WorkbenchRunPanel() override;

    // The table to train on; its target must be set. Clears the results.
    void setDataset(std::shared_ptr<const Dataset> data);
    // The pipeline as dslab-cli fit reads it ({"steps": [...]}). A spec that
    // cannot be built is reported at once; Run then shows the same message.
    void setPipelineJson(const nlohmann::json& spec);

    void setMode(Mode mode);
    Mode mode() const;
    void setTestSize(double share);  // in (0, 1)
    void setFolds(int k);
    void setSeed(int seed);

    // Starts a run in the chosen mode (non-blocking; runFinished tells when it ends).
    void run();
    // Starts the learning curve: the pipeline refitted on growing shares of each
    // fold's training rows (the same folds as cross-validation).
    void runLearningCurve();
    void cancel();
    bool isRunning() const;

    // Named numbers of the last finished run (NaN-free; absent when not measured):
    // split: accuracy, balanced_accuracy, f1_macro, roc_auc (binary), log_loss,
    // confusion_sum, classes, train_rows, test_rows; regression: r2, rmse, mae;
    // cross-validation: cv_<scorer>_mean / _std, folds; learning curve:
    // lc_sizes, lc_last_validation; importance: importance_features.
    QMap<QString, double> measurements() const { return m_measurements; }
    // The message shown for the last failure; empty if none.
    QString errorText() const;
    QString statusText() const;

    ConfusionMatrixView* confusionView() const { return m_confusion; }
    LearningCurveView* learningCurveView() const { return m_learningCurve; }
    FeatureBarView* importanceView() const { return m_importance; }
    TrainingSession* session() const { return m_session; }

signals:
    // A run (or learning curve) ended: succeeded is false when it failed or was cancelled.
    void runFinished(bool succeeded);

private:
    struct RunResult;
    enum class Job { None, Evaluate, LearningCurve };

    void buildUi();
    void start(Job job);
    // Job::None clears everything; Evaluate or LearningCurve only what that job redraws.
    void clearResults(Job which = Job::None);
    void showError(const QString& message);
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void onFailed(const QString& message);
    void showSplitResult(const RunResult& result);
    void showCrossValidationResult(const RunResult& result);
    void showLearningCurve(const RunResult& result);
    void showConfusion(const RunResult& result);
    void updateControls();

    TrainingSession* const m_session;
    std::shared_ptr<const Dataset> m_data;
    std::string m_pipelineText;  // the spec, parsed again for every run
    QString m_pipelineError;
    std::shared_ptr<RunResult> m_result;  // written by the worker, read after it finished
    Job m_job = Job::None;
    bool m_failed = false;
    QMap<QString, double> m_measurements;

    QComboBox* m_mode = nullptr;
    QDoubleSpinBox* m_testSize = nullptr;
    QSpinBox* m_folds = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_curveButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QTableWidget* m_metrics = nullptr;
    QTabWidget* m_tabs = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
    LearningCurveView* m_learningCurve = nullptr;
    FeatureBarView* m_importance = nullptr;
    QLabel* m_importanceNote = nullptr;
};

}  // namespace dslab
