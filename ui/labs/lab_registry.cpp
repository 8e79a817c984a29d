#include "ui/labs/lab_registry.h"

#include "ui/labs/bias_variance_lab.h"
#include "ui/labs/classifier_2d_lab.h"
#include "ui/labs/clustering_lab.h"
#include "ui/labs/complexity_lab.h"
#include "ui/labs/cross_validation_lab.h"
#include "ui/labs/deployment_lab.h"
#include "ui/labs/dimensionality_reduction_lab.h"
#include "ui/labs/encoding_lab.h"
#include "ui/labs/feature_engineering_lab.h"
#include "ui/labs/feature_selection_lab.h"
#include "ui/labs/imbalance_lab.h"
#include "ui/labs/interpretability_lab.h"
#include "ui/labs/learning_curve_lab.h"
#include "ui/labs/leakage_lab.h"
#include "ui/labs/metrics_lab.h"
#include "ui/labs/missing_values_lab.h"
#include "ui/labs/model_comparison_lab.h"
#include "ui/labs/pipeline_builder_lab.h"
#include "ui/labs/preprocessing_steps_lab.h"
#include "ui/labs/regularization_path_lab.h"
#include "ui/labs/scaling_lab.h"
#include "ui/labs/text_preprocessing_lab.h"
#include "ui/labs/threshold_lab.h"
#include "ui/labs/tuning_lab.h"

namespace dslab {

QStringList LabRegistry::builtTypes()
{
    // One per line, so that labs added side by side merge cleanly.
    return {
        QStringLiteral("classifier2d"),
        QStringLiteral("model-comparison"),
        QStringLiteral("clustering"),
        QStringLiteral("interpretability"),
        QStringLiteral("threshold"),
        QStringLiteral("deployment"),
        QStringLiteral("complexity"),
        QStringLiteral("bias-variance"),
        QStringLiteral("imbalance"),
        QStringLiteral("metrics"),
        QStringLiteral("cross-validation"),
        QStringLiteral("learning-curve"),
        QStringLiteral("regularization-path"),
        QStringLiteral("tuning"),
        QStringLiteral("feature-selection"),
        QStringLiteral("leakage"),
        QStringLiteral("scaling"),
        QStringLiteral("feature-engineering"),
        QStringLiteral("preprocessing-steps"),
        QStringLiteral("dimensionality-reduction"),
        QStringLiteral("pipeline-builder"),
        QStringLiteral("encoding"),
        QStringLiteral("missing-values"),
        QStringLiteral("text-preprocessing"),
    };
}

bool LabRegistry::isBuilt(const QString& labType)
{
    return builtTypes().contains(labType);
}

Lab* LabRegistry::create(const QString& labType, const LabEnvironment& env, QWidget* parent)
{
    if (labType == QLatin1String("classifier2d"))
        return new Classifier2DLab(env.datasetsDir, parent);
    if (labType == QLatin1String("threshold"))
        return new ThresholdLab(env.datasetsDir, parent);
    if (labType == QLatin1String("interpretability"))
        return new InterpretabilityLab(env.datasetsDir, parent);
    if (labType == QLatin1String("clustering"))
        return new ClusteringLab(env.datasetsDir, parent);
    if (labType == QLatin1String("deployment"))
        return new DeploymentLab(env.datasetsDir, parent);
    if (labType == QLatin1String("model-comparison"))
        return new ModelComparisonLab(env.datasetsDir, parent);
    if (labType == QLatin1String("complexity"))
        return new ComplexityLab(env.datasetsDir, parent);
    if (labType == QLatin1String("bias-variance"))
        return new BiasVarianceLab(env.datasetsDir, parent);
    if (labType == QLatin1String("imbalance"))
        return new ImbalanceLab(env.datasetsDir, parent);
    if (labType == QLatin1String("metrics"))
        return new MetricsLab(env.datasetsDir, parent);
    if (labType == QLatin1String("cross-validation"))
        return new CrossValidationLab(env.datasetsDir, parent);
    if (labType == QLatin1String("learning-curve"))
        return new LearningCurveLab(env.datasetsDir, parent);
    if (labType == QLatin1String("regularization-path"))
        return new RegularizationPathLab(env.datasetsDir, parent);
    if (labType == QLatin1String("tuning"))
        return new TuningLab(env.datasetsDir, parent);
    if (labType == QLatin1String("feature-selection"))
        return new FeatureSelectionLab(env.datasetsDir, parent);
    if (labType == QLatin1String("leakage"))
        return new LeakageLab(parent);
    if (labType == QLatin1String("scaling"))
        return new ScalingLab(env.datasetsDir, parent);
    if (labType == QLatin1String("feature-engineering"))
        return new FeatureEngineeringLab(env.datasetsDir, parent);
    if (labType == QLatin1String("preprocessing-steps"))
        return new PreprocessingStepsLab(env.datasetsDir, parent);
    if (labType == QLatin1String("dimensionality-reduction"))
        return new DimensionalityReductionLab(env.datasetsDir, parent);
    if (labType == QLatin1String("pipeline-builder"))
        return new PipelineBuilderLab(env.datasetsDir, parent);
    if (labType == QLatin1String("encoding"))
        return new EncodingLab(env.datasetsDir, parent);
    if (labType == QLatin1String("missing-values"))
        return new MissingValuesLab(env.datasetsDir, parent);
    if (labType == QLatin1String("text-preprocessing"))
        return new TextPreprocessingLab(env.datasetsDir, parent);
    return nullptr;
}

}  // namespace dslab
