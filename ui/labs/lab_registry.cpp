#include "ui/labs/lab_registry.h"

#include "ui/labs/classifier_2d_lab.h"
#include "ui/labs/clustering_lab.h"
#include "ui/labs/feature_selection_lab.h"
#include "ui/labs/interpretability_lab.h"
#include "ui/labs/model_comparison_lab.h"
#include "ui/labs/threshold_lab.h"
#include "ui/labs/tuning_lab.h"

namespace dslab {

QStringList LabRegistry::builtTypes()
{
    return {QStringLiteral("classifier2d"), QStringLiteral("model-comparison"),
            QStringLiteral("clustering"),
            QStringLiteral("interpretability"), QStringLiteral("threshold"),
            QStringLiteral("tuning"), QStringLiteral("feature-selection")};
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
    if (labType == QLatin1String("model-comparison"))
        return new ModelComparisonLab(env.datasetsDir, parent);
    if (labType == QLatin1String("tuning"))
        return new TuningLab(env.datasetsDir, parent);
    if (labType == QLatin1String("feature-selection"))
        return new FeatureSelectionLab(env.datasetsDir, parent);
    return nullptr;
}

}  // namespace dslab
