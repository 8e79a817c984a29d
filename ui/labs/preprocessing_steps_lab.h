// Lab "preprocessing-steps" (lesson 35): the preset's pipeline taken apart
// into its stages (raw -> drop_columns -> impute -> encode -> transform_scale
// -> model) on a stratified train/test split, all computed on the worker in
// one run. Each stage's table is the engine's own output: the
// ColumnTransformer's branches cut after that stage's steps, fitted on the
// training rows and applied to every row (a categorical branch that has not
// reached its encoder yet is shown as text, filled by its imputer's most
// frequent category when the impute stage is reached). A strip steps through
// the stages; each shows its table's first rows with the problems the preset
// highlights (missing, high_cardinality, skew, outliers) counted and marked.
// The model stage fits the whole pipeline and scores it on the test rows
// beside a most-frequent DummyClassifier. A stage can be switched off to see
// what breaks: the engine's own message is shown.
#pragma once

#include "ui/labs/lab.h"

#include "engine/data/dataset.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>
#include <vector>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace dslab {

class PreprocessingStepsLab : public Lab {
    Q_OBJECT
public:
    explicit PreprocessingStepsLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~PreprocessingStepsLab() override;

    // Preset keys: dataset, target, test_size, random_state, highlight,
    // stages, pipeline (a ColumnTransformer then a model), stage (the one
    // shown), pipeline_params ("SimpleImputer__strategy",
    // "SimpleImputer__add_indicator": the numeric branches' imputers),
    // fare_transform ("log1p" keeps FunctionTransformer steps, "none" drops
    // them), remainder, stages_off (stages switched off).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // Per stage S and column C: S__columns, S__missing_cells, S__problem_columns,
    // S__missing__C, S__distinct__C (text), S__skew__C and S__max_z__C
    // (numbers with more than two values), S__outliers__C (|z| > 3);
    // impute_fill__C (the training median or mean an imputer filled C with);
    // test_accuracy, baseline_accuracy and n_features when the model stage fits.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void run();
    void setStage(const QString& stage);
    QString stage() const;
    void setStageEnabled(const QString& stage, bool on);
    QString modelError() const;
    QTableWidget* table() const { return m_table; }
    QString problemsText() const;

    struct StageView;
    struct Result;

private:
    void buildUi();
    void showStage();
    void onFinished(bool cancelled);
    void knobChanged();
    // The preset's pipeline (JSON text) with the knobs and switched-off stages applied.
    std::string resolvedSpec() const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    Dataset m_data;
    bool m_dataReady = false;
    QStringList m_stages;
    QStringList m_highlight;
    std::shared_ptr<Result> m_pending;  // written by the worker, read once it has finished
    std::shared_ptr<Result> m_result;
    QMap<QString, double> m_measurements;
    bool m_updating = false;

    QButtonGroup* m_stageGroup = nullptr;
    QList<QPushButton*> m_stageButtons;
    QList<QCheckBox*> m_stageOn;  // impute, encode, transform_scale
    QComboBox* m_strategy = nullptr;
    QCheckBox* m_indicator = nullptr;
    QComboBox* m_fare = nullptr;
    QComboBox* m_remainder = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_problems = nullptr;
    QTableWidget* m_table = nullptr;
};

}  // namespace dslab
