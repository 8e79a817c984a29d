// Which lab types are built, and how to make one. Lessons name their lab type
// in the manifest; a lesson whose type is not registered shows its text and
// practice with a note instead of a lab.
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace dslab {

class Lab;

struct LabEnvironment {
    QString datasetsDir;
};

class LabRegistry {
public:
    static bool isBuilt(const QString& labType);
    static QStringList builtTypes();
    // Null when the type is not built.
    static Lab* create(const QString& labType, const LabEnvironment& env, QWidget* parent);
};

}  // namespace dslab
