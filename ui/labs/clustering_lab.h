// Lab "clustering": the same 2-D points learned twice, once with their labels
// (a classifier) and once without (k-means). The classifier's regions follow
// the labels; k-means' regions and centres move iteration by iteration while
// its inertia falls. Scores show why the two are judged differently:
// validation accuracy for the classifier; inertia, silhouette and agreement
// with the hidden labels (adjusted Rand index) for the clustering; and a
// sweep over k shows that inertia always falls while silhouette peaks.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/plane_dataset.h"

#include <QJsonObject>
#include <QVariant>

class QLabel;
class QPushButton;
class QTabWidget;

namespace dslab {

class DatasetControls;
class DecisionBoundaryView;
class LearningCurveView;
class ParamForm;
struct TrainStep;

class ClusteringLab : public Lab {
    Q_OBJECT
public:
    explicit ClusteringLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ClusteringLab() override;

    // Preset keys: dataset (+ n_samples, noise, seed, features), pipeline
    // (ending in KMeans), supervised_pipeline (ending in a classifier),
    // knobs (KMeans parameters), pipeline_params, k_range ([2, 8]).
    void applyPreset(const QJsonObject& preset) override;
    // Fits the classifier, then runs k-means for `steps` iterations (all of
    // them for a large number) and the k sweep, waiting until they are shown.
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { startTraining(false); }
    // validation_accuracy (classifier), inertia, silhouette, ari (k-means),
    // best_k_silhouette and best_k_ari (the sweep).
    QMap<QString, double> measurements() const override;

    // For tests.
    DecisionBoundaryView* classifierView() const { return m_classifierView; }
    DecisionBoundaryView* clusterView() const { return m_clusterView; }
    LearningCurveView* sweepScoresView() const { return m_sweepScores; }
    LearningCurveView* sweepInertiaView() const { return m_sweepInertia; }
    LearningCurveView* iterationView() const { return m_iterations; }
    ParamForm* knobs() const { return m_knobs; }
    DatasetControls* dataControls() const { return m_dataControls; }
    QPushButton* trainButton() const { return m_trainButton; }
    QPushButton* stepButton() const { return m_stepButton; }
    // Latest scores: "validation_accuracy", "inertia", "silhouette", "ari";
    // sweep results as "silhouette@k", "inertia@k", "ari@k". NaN when absent.
    double score(const QString& name) const;
    QString statusText() const;

private:
    void buildUi();
    void rebuildKnobs();
    void regenerateData();
    void clearResults();
    void reset();
    void startTraining(bool paused);
    void train();
    void pause();
    void step();
    void updateButtons();
    void errorShown() override;
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void showScores();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_clusterSpec, m_classifierSpec;
    PlaneDataset m_data;
    QMap<QString, double> m_scores;
    QString m_classifierName;
    int m_gridSize = 160;
    int m_snapshotsShown = 0;
    int m_lastIteration = 0;
    bool m_sweepDone = false;

    DatasetControls* m_dataControls = nullptr;
    ParamForm* m_knobs = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_stepButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_dataInfo = nullptr;
    QLabel* m_classifierCaption = nullptr;
    QLabel* m_clusterCaption = nullptr;
    DecisionBoundaryView* m_classifierView = nullptr;
    DecisionBoundaryView* m_clusterView = nullptr;
    QTabWidget* m_tabs = nullptr;
    LearningCurveView* m_iterations = nullptr;
    LearningCurveView* m_sweepScores = nullptr;
    LearningCurveView* m_sweepInertia = nullptr;
};

}  // namespace dslab
