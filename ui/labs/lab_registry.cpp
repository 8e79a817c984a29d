#include "ui/labs/lab_registry.h"

#include "ui/labs/classifier_2d_lab.h"

namespace dslab {

QStringList LabRegistry::builtTypes()
{
    return {QStringLiteral("classifier2d")};
}

bool LabRegistry::isBuilt(const QString& labType)
{
    return builtTypes().contains(labType);
}

Lab* LabRegistry::create(const QString& labType, const LabEnvironment& env, QWidget* parent)
{
    if (labType == QLatin1String("classifier2d"))
        return new Classifier2DLab(env.datasetsDir, parent);
    return nullptr;
}

}  // namespace dslab
