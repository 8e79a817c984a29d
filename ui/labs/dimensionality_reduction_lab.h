// Lab "dimensionality-reduction" (lesson 43): PCA or t-SNE on an image table
// (digits). PCA: the first two components as a scatter coloured by label,
// explained variance per component with the cumulative curve and the number
// kept, originals beside their reconstructions from k components, and the
// downstream k-NN cross-validated accuracy with PCA(k) in the pipeline
// against the raw pixels. t-SNE: the embedding redrawn while it optimises on
// the worker (throttled), its KL divergence per iteration, and how well the
// 2-D picture keeps classes and neighbourhoods (k-NN accuracy on the 2-D
// coordinates, trustworthiness) beside PCA's two components. t-SNE has no
// transform and no inverse, so scoring and reconstructions are disabled.
#pragma once

#include "ui/labs/lab.h"

#include "engine/core/types.h"

#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QStringList>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace dslab {

class DigitImagesView;
class ExplainedVarianceView;
class LearningCurveView;
class ProjectionScatterView;
struct TrainStep;
struct DimensionalityReductionResult;

class DimensionalityReductionLab : public Lab {
    Q_OBJECT
public:
    enum class Method { Pca, Tsne };

    explicit DimensionalityReductionLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~DimensionalityReductionLab() override;

    // Preset keys: dataset, target, method (PCA | TSNE), pipeline (a PCA step
    // before the downstream classifier) with pipeline_params
    // (PCA__n_components), tsne ({"type": "TSNE", its parameters}), cv
    // (StratifiedKFold settings), reconstruct_examples (how many digits, one
    // per class first), show (projection, explained_variance,
    // reconstructions), scaler (none | StandardScaler | MinMaxScaler), rows
    // (use only the first N rows: a smaller, faster run), knobs (method,
    // n_components, perplexity, random_state, scaler).
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // PCA: n_components, explained_variance_1/_2, cumulative_variance (at k),
    // components_for_90/_95/_99, reconstruction_mse (per pixel, all rows),
    // cv_accuracy (PCA(k) + classifier), cv_accuracy_raw (classifier alone),
    // knn_accuracy_2d and trustworthiness of the 2-D scatter.
    // t-SNE: kl_divergence, iterations, knn_accuracy_2d, trustworthiness,
    // pca2_knn_accuracy_2d, pca2_trustworthiness (the same scores for PCA's
    // first two components of the same rows).
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    void setMethod(Method method);
    Method method() const;
    void setComponents(int k);
    void setPerplexity(double perplexity);
    void setRandomState(int seed);
    void setScaler(const QString& scaler);
    void train();
    ProjectionScatterView* scatter() const { return m_scatter; }
    ExplainedVarianceView* varianceView() const { return m_variance; }
    LearningCurveView* klView() const { return m_kl; }
    DigitImagesView* imagesView() const { return m_images; }
    // t-SNE redraws of the scatter during the last run.
    int redraws() const { return m_redraws; }
    // The scatter's coordinates of the last finished run.
    const Matrix& projection() const { return m_projection; }

private:
    void buildUi();
    void reset();
    void clearResults();
    void updateKnobRows();
    void onSteps(const QList<TrainStep>& steps);
    void onSnapshot(const QVariant& snapshot, int step);
    void onFinished(bool cancelled);
    void showResult();

    QString m_datasetsDir;
    QJsonObject m_preset;
    Matrix m_X;
    Vector m_y;
    Eigen::VectorXi m_labels;
    QStringList m_classNames;
    QString m_description;
    int m_imageSide = 0;  // 8 for 8x8 digits; 0 when the rows are not square images
    Matrix m_projection;
    QList<QPointF> m_klPoints;
    int m_redraws = 0;
    std::shared_ptr<DimensionalityReductionResult> m_result;
    QMap<QString, double> m_measurements;

    QGroupBox* m_box = nullptr;
    QFormLayout* m_form = nullptr;
    QFormLayout* m_form2 = nullptr;
    QComboBox* m_method = nullptr;
    QSpinBox* m_components = nullptr;
    QDoubleSpinBox* m_perplexity = nullptr;
    QSpinBox* m_randomState = nullptr;
    QComboBox* m_scaler = nullptr;
    QLabel* m_dataLabel = nullptr;
    QStringList m_visibleKnobs;
    QPushButton* m_trainButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    ProjectionScatterView* m_scatter = nullptr;
    QStackedWidget* m_rightStack = nullptr;
    ExplainedVarianceView* m_variance = nullptr;
    LearningCurveView* m_kl = nullptr;
    DigitImagesView* m_images = nullptr;
};

}  // namespace dslab
