// Lab "feature-selection" (lesson 16): a filter (SelectKBest), a wrapper
// (RFE) or an embedded method (SelectFromModel over an L1 model) inside a
// pipeline on a real table. On the worker: the selector fitted on all rows
// gives one bar per feature (univariate scores, RFE survival or |L1
// coefficients|) with the chosen ones highlighted; the whole pipeline is
// cross-validated, so each fold selects on its own training part; and the
// cross-validated score is swept over the number of features (k = 1..n for
// filter and RFE, a range of C for L1).
#pragma once

#include "ui/labs/lab.h"

#include "engine/core/types.h"

#include <QHash>
#include <QJsonObject>
#include <QPair>
#include <QList>
#include <QPointF>
#include <QStringList>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dslab {

class DatasetControls;
class FeatureBarView;
class LearningCurveView;
struct TrainStep;

class FeatureSelectionLab : public Lab {
    Q_OBJECT
public:
    enum class Method { Filter, Rfe, L1 };

    explicit FeatureSelectionLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~FeatureSelectionLab() override;

    // Preset keys: dataset, method (filter|rfe|l1), cv, pipeline (with a
    // SelectKBest, RFE or SelectFromModel step; when it holds another
    // method's selector, that step is replaced by the method's default),
    // pipeline_params, knobs (method, k, score_func, n_features_to_select, C).
    void applyPreset(const QJsonObject& preset) override;
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { train(); }
    // cv_score, cv_std, n_selected, all_features_score (the pipeline without
    // its selector), selected_<feature> = 1 for each kept feature; after the
    // sweep: best_k and best_k_score (smallest number of features with the
    // best CV score; for L1 the number kept at the best C).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setMethod(Method method);
    Method method() const;
    void setK(int k);
    void setScoreFunc(const QString& name);
    void setFeaturesToSelect(int n);
    void setC(double c);
    void train();
    const QStringList& featureNames() const { return m_names; }
    // One value per feature: the bar lengths (scores, rounds survived, |coef|).
    const std::vector<double>& featureValues() const { return m_values; }
    const std::vector<bool>& selected() const { return m_selected; }
    // (number of features, CV score) of the sweep, in increasing x.
    QList<QPointF> sweep() const;
    FeatureBarView* bars() const { return m_bars; }
    LearningCurveView* sweepView() const { return m_sweepView; }
    QPushButton* trainButton() const { return m_trainButton; }

private:
    void buildUi();
    void reset();
    void clearResults();
    void updateKnobRows();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void drawSweep();
    // The preset's pipeline spec with the selector of the current method and
    // the knobs' values written into it; the note says what was changed.
    QJsonObject resolvedSpec(QString* note) const;
    void initKnobsFromPipeline();
    // Sweeps computed so far, shared by every such lab of the process (GUI thread only).
    static QHash<QString, QPair<QList<QPointF>, QList<double>>>& sweepCache();

    QString m_datasetsDir;
    QJsonObject m_preset;
    Matrix m_X;
    Vector m_y;
    QStringList m_names;
    QString m_description;
    std::vector<double> m_values;
    std::vector<bool> m_selected;
    QList<QPointF> m_sweep;  // x = number of features, y = CV score
    QList<double> m_sweepStd;
    QString m_sweepKey;
    QMap<QString, double> m_measurements;

    DatasetControls* m_dataControls = nullptr;
    QFormLayout* m_form = nullptr;
    QComboBox* m_method = nullptr;
    QSpinBox* m_k = nullptr;
    QComboBox* m_scoreFunc = nullptr;
    QSpinBox* m_nSelect = nullptr;
    QDoubleSpinBox* m_c = nullptr;
    QSpinBox* m_folds = nullptr;
    QStringList m_visibleKnobs;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_result = nullptr;
    FeatureBarView* m_bars = nullptr;
    LearningCurveView* m_sweepView = nullptr;
};

}  // namespace dslab
