// What a lab shows of a fitted model's insides: the coefficients of a linear
// model (with intercepts) or the feature importances of a tree model, read
// the same way whatever the model is.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace dslab {

class Predictor;

struct FittedAttributes {
    QString kind;  // "coefficient", "importance", or empty when the model has neither
    QList<QPair<QString, double>> values;  // (feature or "intercept", value)
};

// Runs on the training thread (a const view of the model, possibly mid-training).
// Linear models: coef/intercept from the saved state. Tree models: importances
// of the trees built so far, so the table fills while a forest grows.
FittedAttributes readFittedAttributes(const Predictor& model, const QStringList& features);

}  // namespace dslab
