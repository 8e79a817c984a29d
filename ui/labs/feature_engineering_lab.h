// Lab "feature-engineering" (lesson 41): a base table (the preset's
// base_columns) and a checklist of derivations (a title by regex, family
// size, is_alone, deck, log fare, age bins, a sex x class cross), each made
// of the engine's table steps inside the pipeline's ColumnTransformer
// (RegexExtractor branches, one ExpressionFeatures branch with its imputer and
// scaler). Evaluate cross-validates on the worker, on the same stratified
// folds: the pipeline with the checked derivations, the base pipeline, and
// the pipeline with each derivation toggled, so each bar is the accuracy one
// derivation adds (checked: what removing it loses; unchecked: what adding it
// would give). The previewed derivation shows its first rows beside its
// inputs and the positive-class rate per category (or value or quantile bin
// for a number); the pipeline JSON it all amounts to is shown and can be
// copied into dslab-cli fit.
#pragma once

#include "ui/labs/lab.h"

#include "engine/data/dataset.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <vector>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace dslab {

class CategoryRateView;
class FeatureBarView;
struct TrainStep;

class FeatureEngineeringLab : public Lab {
    Q_OBJECT
public:
    explicit FeatureEngineeringLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~FeatureEngineeringLab() override;

    // Preset keys: dataset, target, base_columns {"numeric": [...],
    // "categorical": [...]} (the ColumnTransformer's "numeric"/"categorical"
    // column entries stand for these lists), available_derivations (name, op
    // regex_extract | first_char | expression | log1p | bins | cross, with
    // from, pattern, group_rare_below, fill, expression, edges, columns),
    // derive (the checked names), pipeline, model_choices, model, cv
    // (StratifiedKFold n_splits, shuffle, random_state), preview (the
    // derivation to preview; default the last checked one).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { evaluate(); }
    // cv_score, cv_std (the checked derivations), base_score, base_std, n_derived;
    // gain_<name> per derivation after a run; for every checked derivation
    // rate_<name>_<category> (positive-class rate) and, for numbers,
    // skew_<name> and skew_<name>_source (the input column's skewness).
    QMap<QString, double> measurements() const override;

    // For tests and the screenshot.
    QStringList derivationNames() const;
    void setDerived(const QStringList& names);
    QStringList derived() const;
    void setModel(const QString& type);
    void setPreviewed(const QString& name);
    void evaluate();
    // The pipeline spec (JSON text) of the checked derivations.
    QString pipelineJson() const;
    FeatureBarView* gainBars() const { return m_gainBars; }
    CategoryRateView* rateView() const { return m_rateView; }
    QTableWidget* previewTable() const { return m_previewTable; }
    QPushButton* evaluateButton() const { return m_evaluateButton; }

    struct Derivation {
        QString name, op, from, pattern, fill, expression, kind;
        QStringList columns;
        QList<double> edges;
        int rareBelow = 0;
    };
    // The derivation's value per row: text categories or numbers, from the whole table.
    struct Values {
        bool numeric = false;
        QStringList categories;   // per row ("" missing) when !numeric
        std::vector<double> numbers;  // per row (NaN missing) when numeric
        QStringList inputs;       // the table columns it reads
    };
    Values valuesOf(const Derivation& d) const;

private:
    void buildUi();
    void rebuildChecklist();
    void onSelectionChanged();
    void refreshPreview();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void drawGains();
    const Derivation* find(const QString& name) const;
    // The pipeline spec with these derivations and the chosen model.
    QJsonObject specFor(const QStringList& names) const;
    void computeRelations();

    QString m_datasetsDir;
    QJsonObject m_preset;
    Dataset m_data;
    bool m_dataReady = false;
    std::vector<Derivation> m_derivations;
    QMap<QString, double> m_results;    // of the last run
    QMap<QString, double> m_relations;  // rates and skewness of the checked derivations
    std::vector<double> m_gains;        // per derivation, NaN until measured
    QStringList m_runDerived;           // the checked names the last run used

    QGridLayout* m_checkGrid = nullptr;
    QList<QCheckBox*> m_checks;
    QComboBox* m_model = nullptr;
    QComboBox* m_preview = nullptr;
    QPushButton* m_evaluateButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_previewNote = nullptr;
    FeatureBarView* m_gainBars = nullptr;
    CategoryRateView* m_rateView = nullptr;
    QTableWidget* m_previewTable = nullptr;
    QPlainTextEdit* m_json = nullptr;
    bool m_updating = false;
};

}  // namespace dslab
