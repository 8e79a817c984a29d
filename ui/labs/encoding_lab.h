// Lab "encoding" (lessons 38 and 39): one or more categorical columns encoded
// three ways (one-hot, ordinal codes in an explicit, editable order, or the
// raw numeric codes), each feeding the preset's models (a linear model and a
// tree). On the worker, every encoding x model pair is cross-validated on the
// same folds (a grouped bar chart), and the current encoding is fitted on all
// rows to show its encoded columns (names and first rows), its width, the
// linear model's coefficients (one per category for one-hot, a single slope
// for ordinal codes) and, per category of the first column, the observed
// positive rate beside each model's mean predicted probability.
#pragma once

#include "engine/core/train_context.h"
#include "engine/data/dataset.h"
#include "ui/labs/lab.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dslab {

class FeatureBarView;
class BarSeriesView;
struct EncodingResult;

class EncodingLab : public Lab {
    Q_OBJECT
public:
    explicit EncodingLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~EncodingLab() override;

    // Preset keys: dataset, target, columns, encoding (onehot | ordinal |
    // raw), encoders ({onehot: step, ordinal: step with categories, raw}),
    // other_features (none | scaled: the other numeric columns, median-imputed
    // and standardised), models (list of classifier steps), pipeline (its
    // OrdinalEncoder's categories and handle_unknown seed the order when
    // encoders.ordinal has none), pipeline_params (e.g.
    // DecisionTreeClassifier__max_depth), drop, min_frequency, scoring, cv,
    // editable_order, knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // score_<encoding>_<model> (model: linear, tree or the type name),
    // std_<encoding>_<model>, width_<encoding>, rows, categories,
    // linear_slope (ordinal codes), rate_min/rate_max (observed per category).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    QListWidget* orderList() const { return m_order; }
    QComboBox* encodingBox() const { return m_encoding; }
    QSpinBox* maxDepthBox() const { return m_maxDepth; }
    QSpinBox* minFrequencyBox() const { return m_minFrequency; }
    QComboBox* modelBox() const { return m_model; }
    BarSeriesView* scoreChart() const { return m_scores; }
    BarSeriesView* rateChart() const { return m_rates; }
    FeatureBarView* coefficientView() const { return m_coefficients; }
    QTableWidget* previewTable() const { return m_preview; }
    QPushButton* runButton() const { return m_runButton; }
    QStringList categoryOrder() const;
    void moveCategory(int from, int to);
    void resetOrderAlphabetical();
    void reverseOrder();

private:
    void buildUi();
    void train();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void loadData();            // dataset or columns changed
    void fillOrder(const QStringList& order);
    void markStale(const QString& why);
    void showResult();
    QString modelKey(int m) const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonArray m_models;
    QJsonObject m_onehotStep;
    QJsonObject m_ordinalStep;  // without categories: those come from the order list
    QJsonArray m_ordinalCategories;  // per column, from the preset ("auto" when empty)
    QStringList m_autoOrder;    // the first column's categories as "auto" sorts them
    QStringList m_columns;
    std::shared_ptr<const Dataset> m_data;  // the loaded table, shared with jobs
    QString m_dataKey;
    QMap<QString, QPair<double, double>> m_scoreCache;  // pipeline + folds -> CV mean, std
    std::shared_ptr<EncodingResult> m_result;
    QMap<QString, double> m_measurements;

    QComboBox* m_dataset = nullptr;
    QLineEdit* m_columnsEdit = nullptr;
    QComboBox* m_encoding = nullptr;
    QComboBox* m_model = nullptr;
    QSpinBox* m_maxDepth = nullptr;
    QComboBox* m_drop = nullptr;
    QSpinBox* m_minFrequency = nullptr;
    QListWidget* m_order = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
    QPushButton* m_reverse = nullptr;
    QPushButton* m_alphabetical = nullptr;
    QLabel* m_orderNote = nullptr;
    QPushButton* m_runButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    BarSeriesView* m_scores = nullptr;
    BarSeriesView* m_rates = nullptr;
    FeatureBarView* m_coefficients = nullptr;
    QTableWidget* m_preview = nullptr;
};

}  // namespace dslab
