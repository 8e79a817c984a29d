// Lab "scaling" (lesson 42): what feature scaling changes and what it does
// not, on two wine features (proline in the hundreds, hue around 1). On the
// worker, for one Train:
//  - the two features raw and scaled, each drawn with equal units on both
//    axes, so the raw cloud is squashed flat by proline's range;
//  - the cross-validated accuracy of each model choice (k-NN, SVC, logistic
//    regression, a tree) under each scaler choice (none, standard, min-max,
//    robust), on the two features and, with compare_all_features, on all 13;
//  - the chosen model's decision regions without and with the chosen scaler;
//  - plain gradient descent on a two-weight logistic regression (cultivar 0
//    against the rest), raw and scaled, over its loss contours, with the
//    steps it took to converge and the Hessian's condition number.
#pragma once

#include "ui/labs/lab.h"

#include "engine/core/types.h"

#include <Eigen/Core>
#include <QJsonObject>
#include <QStringList>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace dslab {

class DecisionBoundaryView;
class GroupedBarView;
class LossContourView;
struct ScalingResult;
struct TrainStep;

class ScalingLab : public Lab {
    Q_OBJECT
public:
    explicit ScalingLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~ScalingLab() override;

    // Preset keys: dataset, features (two numeric columns), target, pipeline
    // (an optional scaler step and the model), scaler_choices, model_choices,
    // compare_all_features, cv ({n_splits, shuffle, random_state}), contours
    // ({learning_rate, max_steps, C}; a gd LogisticRegression in the pipeline
    // lends its learning_rate), view (data | scalers | boundary | contours:
    // the tab shown), knobs (scaler, model, n_neighbors, C, gamma, learning_rate).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { run(); }
    // cv_<model>_<scaler> (two features) and cv_all_<model>_<scaler> (all
    // numeric features), model_cv_raw / model_cv_scaled (the chosen model,
    // no scaler vs the chosen one, or StandardScaler when none is chosen),
    // gd_kappa_raw/scaled, gd_converged_raw/scaled (0/1), gd_steps_raw/scaled
    // (when converged), x_scaled_min/q75/max (the first feature after the
    // scaler), boundary_accuracy_raw/scaled (training accuracy of the regions).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setScaler(const QString& scaler);
    QString scaler() const;
    void setModel(const QString& model);
    QString model() const;
    void setNeighbors(int k);
    void setLearningRate(double rate);
    void run();
    const QStringList& models() const { return m_models; }
    const QStringList& scalers() const { return m_scalers; }
    // models x scalers; NaN where the fit failed.
    const Eigen::MatrixXd& twoFeatureScores() const;
    const Eigen::MatrixXd& allFeatureScores() const;
    QString currentView() const;
    GroupedBarView* twoFeatureBars() const { return m_barsTwo; }
    GroupedBarView* allFeatureBars() const { return m_barsAll; }
    DecisionBoundaryView* rawBoundary() const { return m_boundaryRaw; }
    DecisionBoundaryView* scaledBoundary() const { return m_boundaryScaled; }
    LossContourView* rawContours() const { return m_contoursRaw; }
    LossContourView* scaledContours() const { return m_contoursScaled; }
    DecisionBoundaryView* rawScatter() const { return m_scatterRaw; }
    DecisionBoundaryView* scaledScatter() const { return m_scatterScaled; }

private:
    void buildUi();
    void loadData();
    void clearResults();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void showResult();
    QJsonObject modelSpec(const QString& type) const;
    QJsonObject pipelineSpec(const QString& model, const QString& scaler) const;
    // The scaler used for the "scaled" panels: the chosen one, or StandardScaler for none.
    QString shownScaler() const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    QJsonObject m_presetModel;  // the preset pipeline's model step
    QStringList m_models, m_scalers;
    Matrix m_X2, m_Xall;
    Vector m_y;
    QStringList m_featureNames, m_classNames;
    int m_allCount = 0;
    std::shared_ptr<ScalingResult> m_result;
    QMap<QString, double> m_measurements;

    QFormLayout* m_form = nullptr;
    QFormLayout* m_form2 = nullptr;
    QComboBox* m_scaler = nullptr;
    QComboBox* m_model = nullptr;
    QSpinBox* m_neighbors = nullptr;
    QDoubleSpinBox* m_c = nullptr;
    QDoubleSpinBox* m_gamma = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
    QPushButton* m_runButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    DecisionBoundaryView* m_scatterRaw = nullptr;
    DecisionBoundaryView* m_scatterScaled = nullptr;
    QLabel* m_scatterScaledTitle = nullptr;
    GroupedBarView* m_barsTwo = nullptr;
    GroupedBarView* m_barsAll = nullptr;
    DecisionBoundaryView* m_boundaryRaw = nullptr;
    DecisionBoundaryView* m_boundaryScaled = nullptr;
    QLabel* m_boundaryRawTitle = nullptr;
    QLabel* m_boundaryScaledTitle = nullptr;
    LossContourView* m_contoursRaw = nullptr;
    LossContourView* m_contoursScaled = nullptr;
    QLabel* m_contoursScaledTitle = nullptr;
};

}  // namespace dslab
