// The data of the complexity and bias-variance labs: a training sample of
// n_samples rows from a seeded generator and a separate, larger test sample
// from the same generator, so the test error measures generalization and does
// not shrink the training set. The sine generator gives a 1-D regression
// problem whose noise-free truth f(x) = sin(x) is known (for the true curve
// and the bias-variance decomposition); the 2-D generators give classification.
#pragma once

#include "engine/core/param.h"
#include "engine/core/types.h"

#include <QJsonObject>
#include <QRectF>
#include <QStringList>
#include <QVector>
#include <vector>

namespace dslab {

struct CurveData {
    bool regression = true;
    Matrix trainX, testX;
    Vector trainY, testY;
    Vector testTruth;        // regression: f(x) of the test rows
    QStringList classNames;  // classification
    QString xName, yName;
    QString description;     // e.g. "sine: 20 training points, noise 0.3"
    double xMin = -3, xMax = 3;  // regression: the generator's input range

    // Data bounds with a margin (classification: the boundary grid).
    QRectF bounds() const;
};

// The noise-free target of the sine generator.
double sineTruth(double x);

// The generators the labs offer: "sine" (regression) first, then 2-D classification.
QStringList curveDatasetKeys();

// Preset keys: dataset, n_samples (training rows), noise, seed. The test
// sample has testRows rows; with testOnGrid (regression only) its inputs are
// evenly spaced over the generator's range instead of drawn at random.
// Throws dslab::Error with an actionable message.
CurveData buildCurveData(const QJsonObject& preset, int testRows, bool testOnGrid = false);

class Pipeline;

// A preset's "complexity": {"param": "<step>__<name>", "values": [...]}: the
// parameter the lab's slider moves and the values it stops at.
struct ComplexitySpec {
    QString param;                   // e.g. "PolynomialFeatures__degree"
    std::vector<ParamValue> values;  // in the preset's order
    QVector<double> numbers;         // the same values as numbers, for axes and labels

    // The parameter's own name ("degree", "max_depth").
    QString name() const;
    int count() const { return static_cast<int>(numbers.size()); }
    // The value closest to the pipeline's current setting of the parameter.
    int nearestIndex(const Pipeline& pipeline) const;
    // A value as the labs print it (6 significant digits), and "degree 3" for the slider.
    static QString valueText(double value);
    QString label(int index) const;
};

class Estimator;
// The model knobs a complexity lab shows: the preset's "knobs" that the model
// has, plus its penalty "alpha" if any (lesson 8 swaps least squares for Ridge
// and asks for its alpha), never the parameter the slider already moves.
QStringList visibleModelKnobs(const QJsonObject& preset, const Estimator& model, const ComplexitySpec& complexity,
                              const QString& modelStep);

// Checks each value against the pipeline (a clone is set to it). Throws
// dslab::Error naming the bad key or value.
ComplexitySpec complexityFromPreset(const QJsonObject& preset, const Pipeline& pipeline);

// The value as a number (integers and floats), NaN for anything else.
double paramNumber(const ParamValue& value);

}  // namespace dslab
