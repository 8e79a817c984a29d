// Lab "missing-values" (lesson 40). Two halves:
//  - a table with gaps (titanic, penguins): every strategy (drop rows, drop
//    the columns with gaps, SimpleImputer mean/median/most_frequent/constant,
//    KNNImputer, IterativeImputer; add_indicator for the imputers) inside the
//    same cross-validated pipeline, as one bar per strategy with the rows it
//    keeps; missing counts per column; the shown column's distribution before
//    and after the current strategy's fill (the spike at the median);
//  - the air-passengers series with gaps (built-in or knocked out with a
//    seed): ffill, bfill, linear interpolation, rolling mean and seasonal
//    fills against the true values, with the mean absolute error of each.
// Everything is computed on the worker; the GUI only draws.
#pragma once

#include "engine/core/train_context.h"
#include "engine/data/dataset.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dslab {

class BarSeriesView;
class LineBandView;
struct MissingValuesResult;

class MissingValuesLab : public Lab {
    Q_OBJECT
public:
    explicit MissingValuesLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~MissingValuesLab() override;

    // Preset keys: dataset, target, columns, pipeline (its last step is the
    // model), pipeline_params (SimpleImputer__strategy,
    // SimpleImputer__add_indicator, KNNImputer__n_neighbors, ...), strategy,
    // cv, show_column, strategies (their order), series {dataset
    // (air_passengers_with_gaps, or air_passengers with knock_out and seed),
    // column, method, limit, window, center, compare_with}, knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // cv_<strategy> and rows_<strategy> (strategy: drop_rows, drop_columns,
    // mean, median, most_frequent, constant, knn, iterative), cv_current,
    // rows_current, missing_<show column>, std_before, std_after, spike_share
    // (share of rows at the most common filled value), spike_value,
    // rate_when_missing / rate_when_present (positive class), and for the
    // series mae_<method>, filled_<method>, gaps, fill_<k> (the current
    // method at the k-th gap of the longest run).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    QComboBox* strategyBox() const { return m_strategy; }
    QCheckBox* indicatorBox() const { return m_indicator; }
    QComboBox* seriesMethodBox() const { return m_seriesMethod; }
    QSpinBox* limitBox() const { return m_limit; }
    QSpinBox* windowBox() const { return m_window; }
    QCheckBox* centerBox() const { return m_center; }
    QSpinBox* knockOutBox() const { return m_knockOut; }
    BarSeriesView* scoreChart() const { return m_scores; }
    BarSeriesView* missingChart() const { return m_missing; }
    LineBandView* histogram() const { return m_histogram; }
    LineBandView* seriesChart() const { return m_series; }
    QStringList transformedColumns() const { return m_transformedColumns; }

private:
    void buildUi();
    void train();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void loadData();
    void drawSeries();  // the series half: cheap, recomputed on the GUI thread from the loaded series
    void showResult();

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_model;
    std::shared_ptr<const Dataset> m_data;
    QStringList m_numeric, m_categorical;
    Vector m_trueSeries, m_gappySeries, m_seriesX;
    std::shared_ptr<MissingValuesResult> m_result;
    QStringList m_transformedColumns;
    QMap<QString, double> m_measurements;

    QComboBox* m_dataset = nullptr;
    QComboBox* m_strategy = nullptr;
    QCheckBox* m_indicator = nullptr;
    QSpinBox* m_neighbors = nullptr;
    QComboBox* m_show = nullptr;
    QComboBox* m_seriesMethod = nullptr;
    QSpinBox* m_limit = nullptr;
    QSpinBox* m_window = nullptr;
    QCheckBox* m_center = nullptr;
    QSpinBox* m_knockOut = nullptr;
    QPushButton* m_runButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_seriesSummary = nullptr;
    BarSeriesView* m_scores = nullptr;
    BarSeriesView* m_missing = nullptr;
    LineBandView* m_histogram = nullptr;
    LineBandView* m_series = nullptr;
};

}  // namespace dslab
