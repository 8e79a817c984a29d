// Lab "interpretability" (lesson 19): a tree ensemble trained on a real table
// (optionally with pure-noise columns added), then explained four ways on the
// held-out rows: impurity vs permutation importance side by side; SHAP (exact
// TreeSHAP or sampled KernelSHAP) as a beeswarm, a waterfall for one row and
// a dependence plot; LIME for one row beside that row's SHAP waterfall; and
// partial dependence with ICE curves. Fitting and explaining run on the
// worker; changing the row, feature or method re-explains without refitting.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/tabular_dataset.h"

#include <QJsonObject>
#include <QSet>
#include <QVariant>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace dslab {

class DatasetControls;
class FeatureBarView;
class PartialDependenceView;
class Pipeline;
class ShapBeeswarmView;
class ShapDependenceView;
class ShapWaterfallView;
struct TrainStep;

class InterpretabilityLab : public Lab {
    Q_OBJECT
public:
    enum class Method { Importance, Shap, Lime, PartialDependence };

    explicit InterpretabilityLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~InterpretabilityLab() override;

    // Preset keys: dataset (+ seed, features), add_random_features (names;
    // a name with "cat" gets 3 random levels, others Gaussian noise),
    // test_size, pipeline (ending in a tree model for TreeSHAP), method
    // (importance | shap | lime | pdp), explainer (tree | kernel), instance
    // (held-out row), feature, n_repeats, kernel_width (LIME, as lime's factor of
    // sqrt(features); 0 = its default 0.75), knobs.
    void applyPreset(const QJsonObject& preset) override;
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { train(); }
    // test_accuracy, additivity_error (SHAP: max |base + Σ values − output|),
    // explain_ms, "impurity:<feature>", "permutation:<feature>" (means),
    // lime_score, kernel_vs_tree (KernelSHAP vs TreeSHAP, max difference for the row).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    Method method() const;
    void setMethod(Method method);
    void setInstance(int row);
    FeatureBarView* impurityView() const { return m_impurity; }
    FeatureBarView* permutationView() const { return m_permutation; }
    ShapBeeswarmView* beeswarmView() const { return m_beeswarm; }
    ShapWaterfallView* waterfallView() const { return m_waterfall; }
    ShapDependenceView* dependenceView() const { return m_dependence; }
    FeatureBarView* shapBarView() const { return m_shapBars; }
    FeatureBarView* limeView() const { return m_lime; }
    ShapWaterfallView* limeShapView() const { return m_limeShap; }
    PartialDependenceView* pdpView() const { return m_pdp; }
    QCheckBox* probabilityToggle() const { return m_probability; }
    QPushButton* trainButton() const { return m_trainButton; }
    QStringList featureNames() const { return m_data.featureNames; }
    QString statusText() const;

private:
    void buildUi();
    void regenerateData();
    void reset();
    void train();
    void explain();  // re-explain with the fitted model
    void startJob(bool fit);
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void errorShown() override;
    void updateControls();
    void showInstance();
    void showShap();

    QString m_datasetsDir;
    QJsonObject m_preset;
    TabularDataset m_data;
    std::shared_ptr<Pipeline> m_model;         // fitted, or null
    std::shared_ptr<Pipeline> m_pendingModel;  // being fitted by the running job
    QMap<QString, double> m_measurements;
    QVariant m_last;  // the latest explanation (for re-showing a row)
    bool m_updating = false;
    QSet<QWidget*> m_hiddenKnobs;  // controls the preset's "knobs" leave out

    DatasetControls* m_dataControls = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_explainer = nullptr;
    QSpinBox* m_instance = nullptr;
    QComboBox* m_feature = nullptr;
    QComboBox* m_class = nullptr;
    QSpinBox* m_repeats = nullptr;
    QDoubleSpinBox* m_kernelWidth = nullptr;
    QCheckBox* m_probability = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_info = nullptr;
    QStackedWidget* m_pages = nullptr;
    FeatureBarView* m_impurity = nullptr;
    FeatureBarView* m_permutation = nullptr;
    ShapBeeswarmView* m_beeswarm = nullptr;
    ShapWaterfallView* m_waterfall = nullptr;
    ShapDependenceView* m_dependence = nullptr;
    FeatureBarView* m_shapBars = nullptr;
    FeatureBarView* m_lime = nullptr;
    ShapWaterfallView* m_limeShap = nullptr;
    PartialDependenceView* m_pdp = nullptr;
};

}  // namespace dslab
