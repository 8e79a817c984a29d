// Lab "cross-validation" (lesson 13): k-fold or stratified k-fold over a
// whole table in its file order, drawn as fold bands (every row a cell,
// validation strong and training pale, in its class colour), with each fold's
// class mix, score and fit time, the mean +- std, and one plain train/test
// split beside it. The splits are made on the GUI thread (index lists only);
// every fold is fitted and scored on the worker by the engine's
// crossValidateFolds, one fold per reported step so the bands fill live.
#pragma once

#include "engine/data/split.h"
#include "ui/labs/full_table.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QList>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dslab {

class DatasetControls;
class FoldBandsView;
class ParamForm;
struct TrainStep;

class CrossValidationLab : public Lab {
    Q_OBJECT
public:
    explicit CrossValidationLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~CrossValidationLab() override;

    // Preset keys: dataset (a tabular classification dataset), pipeline (+
    // pipeline_params), cv {n_splits, stratified, shuffle, random_state} (or
    // a bare number of folds), scoring (a scikit-learn scoring name), knobs
    // (the cv keys shown; other names are the model's parameters).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // mean_score, std_score, min_score, max_score, mean_train_score,
    // single_split_score (one stratified 80/20 split, same seed),
    // class_share_spread (largest difference of a class's share between two
    // validation folds), unseen_class_folds (folds whose validation part
    // holds a class its training part lacks), n_splits, mean_fit_ms.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests and presenter mode.
    void setSplitter(int nSplits, bool stratified, bool shuffle, int randomState);
    FoldBandsView* bandsView() const { return m_bands; }
    QTableWidget* foldTable() const { return m_table; }
    QPushButton* runButton() const { return m_runButton; }
    QString summaryText() const;

private:
    void buildUi();
    void reset();  // data or splitter changed: new folds, no scores
    void run();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void updateSummary();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_pipeline;
    QString m_modelStep;
    FullTable m_data;
    std::vector<SplitIndices> m_splits;
    std::vector<double> m_scores, m_trainScores, m_fitMs;
    double m_singleScore = 0;
    bool m_hasSingle = false;
    QMap<QString, double> m_measurements;

    DatasetControls* m_dataControls = nullptr;
    QSpinBox* m_nSplits = nullptr;
    QCheckBox* m_stratified = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QSpinBox* m_randomState = nullptr;
    QComboBox* m_scoring = nullptr;
    ParamForm* m_knobs = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    FoldBandsView* m_bands = nullptr;
    QTableWidget* m_table = nullptr;
};

}  // namespace dslab
