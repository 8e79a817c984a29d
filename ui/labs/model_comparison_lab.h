// Lab "model-comparison": several classifier pipelines trained one after the
// other on the same data and the same split, so the learner compares like
// with like. On a 2-D dataset each model's decision regions appear side by
// side; on a real table (all numeric columns) the lab adds learning curves
// against the number of training rows. Both show a score table (validation
// accuracy, ROC-AUC, log loss, training accuracy, fit time), the validation
// loss of every model per training step, and one table that puts the linear
// model's coefficients beside the trees' importances.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"
#include "ui/labs/tabular_dataset.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QVariant>
#include <memory>
#include <string>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace dslab {

class DatasetControls;
class DecisionBoundaryView;
class LearningCurveView;
class ParamForm;
struct TrainStep;

class ModelComparisonLab : public Lab {
    Q_OBJECT
public:
    explicit ModelComparisonLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ModelComparisonLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed, features), models
    // [{name, pipeline}], knobs ("Step__param", or a bare name for every
    // model that has it), pipeline_params, learning_curve (tabular data:
    // default true).
    void applyPreset(const QJsonObject& preset) override;
    // Trains every model (steps is not used: a comparison runs to the end).
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { train(); }
    // Per model i: "validation_accuracy:i", "roc_auc:i", "log_loss:i",
    // "train_accuracy:i", "fit_ms:i"; and "best_model" (highest validation
    // accuracy), "worst_model", "worst_log_loss_model" (model indices).
    QMap<QString, double> measurements() const override;

    // For tests.
    bool isPlane() const { return m_plane; }
    int modelCount() const { return static_cast<int>(m_models.size()); }
    QString modelName(int i) const;
    ParamForm* knobs(int i) const;
    DecisionBoundaryView* boundaryView(int i) const;
    QTableWidget* scoreTable() const { return m_scores; }
    QTableWidget* attributeTable() const { return m_attributes; }
    LearningCurveView* lossView() const { return m_loss; }
    LearningCurveView* rowsCurveView() const { return m_rowsCurve; }
    DatasetControls* dataControls() const { return m_dataControls; }
    QPushButton* trainButton() const { return m_trainButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    // A finished model's scores by name ("validation_accuracy", "roc_auc",
    // "log_loss", "train_accuracy", "fit_ms"); NaN until it is done.
    double score(int model, const QString& name) const;
    QString statusText() const;

private:
    struct Model {
        QString name;
        QJsonObject pipeline;  // the preset's spec, overrides applied at Train
        QString finalStep;     // name of the model step, for knob addresses
        ParamForm* knobs = nullptr;
        QWidget* column = nullptr;  // caption above boundary view
        DecisionBoundaryView* boundary = nullptr;
        QLabel* caption = nullptr;
        QMap<QString, double> scores;
    };

    void buildUi();
    void rebuildModels();
    void regenerateData();
    void clearResults();
    void reset();
    void train();
    void cancel();
    void updateButtons();
    void errorShown() override;
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void showScores(int model);

    QString m_datasetsDir;
    QJsonObject m_preset;
    bool m_plane = true;
    bool m_learningCurve = false;
    PlaneDataset m_planeData;
    TabularDataset m_tableData;
    QList<Model> m_models;
    int m_gridSize = 160;
    int m_snapshotsShown = 0;

    DatasetControls* m_dataControls = nullptr;
    QTabWidget* m_knobTabs = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_dataInfo = nullptr;
    QWidget* m_boundaryRow = nullptr;
    QTableWidget* m_scores = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    LearningCurveView* m_loss = nullptr;
    LearningCurveView* m_rowsCurve = nullptr;
    QTableWidget* m_attributes = nullptr;
};

}  // namespace dslab
