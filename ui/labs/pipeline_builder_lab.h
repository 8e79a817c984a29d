// Lab "pipeline-builder" (lesson 36): the lesson's pipeline as a graph in the
// Workbench's editor (nodes, typed ports, statuses, undo), with the node
// properties and a palette limited to the preset's components. Train fits
// the pipeline the graph describes on the training split (the Split node's
// test_size and random_state) on the worker, scores it on the held-out rows,
// and cross-validates it on the training rows with the preset's "cv".
#pragma once

#include "ui/labs/lab.h"

#include <QJsonObject>
#include <nlohmann/json_fwd.hpp>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;

namespace dslab {

class ComponentPalette;
class Dataset;
class NodePropertyPanel;
class PipelineGraph;
class PipelineGraphScene;
class PipelineGraphView;
struct TrainStep;

class PipelineBuilderLab : public Lab {
    Q_OBJECT
public:
    explicit PipelineBuilderLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~PipelineBuilderLab() override;

    // Preset keys: dataset, target, test_size, random_state, pipeline,
    // cv {type StratifiedKFold | KFold, n_splits, shuffle, random_state},
    // palette (component types offered; empty: all).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // test_accuracy, cv_accuracy (mean over folds), cv_std, cv_folds,
    // output_columns (columns the first step hands to the next one),
    // train_rows, test_rows, steps (in the pipeline JSON).
    QMap<QString, double> measurements() const override { return m_measurements; }

    PipelineGraph* graph() const { return m_graph; }
    PipelineGraphScene* scene() const { return m_scene; }
    PipelineGraphView* view() const { return m_view; }
    NodePropertyPanel* propertyPanel() const { return m_panel; }
    ComponentPalette* palette() const { return m_palette; }
    QPushButton* trainButton() const { return m_trainButton; }
    QString summaryText() const;
    QString statusText() const;
    // What a node learned in the last training on all training rows (its
    // fitted state, numbers rounded), or empty before training.
    QString learnedText(int nodeId) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildUi();
    void train();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void onGraphChanged();
    void updateSummary();
    void showLearned(int nodeId);

    QString m_datasetsDir;
    QJsonObject m_preset;
    std::shared_ptr<const Dataset> m_data;
    int m_folds = 5;
    bool m_stratified = true;
    bool m_shuffle = true;
    int m_cvSeed = 0;
    std::vector<double> m_foldScores;
    QMap<QString, double> m_measurements;
    bool m_stale = false;
    QString m_fittedStates;       // JSON text: the final fit's step states
    nlohmann::json* m_fittedJson = nullptr;  // parsed m_fittedStates (owned)

    PipelineGraph* m_graph = nullptr;
    PipelineGraphScene* m_scene = nullptr;
    PipelineGraphView* m_view = nullptr;
    NodePropertyPanel* m_panel = nullptr;
    ComponentPalette* m_palette = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_problems = nullptr;
    QLabel* m_learned = nullptr;
};

}  // namespace dslab
