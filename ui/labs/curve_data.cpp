#include "ui/labs/curve_data.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/data/synthetic.h"
#include "engine/pipeline/pipeline.h"
#include "ui/labs/lab.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <limits>

#include <QObject>
#include <cmath>

namespace dslab {

namespace {

// The test sample's seed: far from any seed a learner types, so it never
// coincides with the training sample.
constexpr std::uint64_t kTestSeedOffset = 1'000'003;

void fillClassification(const Dataset& data, Matrix& X, Vector& y)
{
    const StringList features = data.featureNames();
    X = data.featureMatrix({features.at(0), features.at(1)});
    y = data.targetCodes();
}

}  // namespace

double sineTruth(double x)
{
    return std::sin(x);
}

QStringList curveDatasetKeys()
{
    return {"sine", "moons", "circles", "xor", "blobs", "spirals"};
}

QRectF CurveData::bounds() const
{
    if (regression || trainX.cols() < 2 || trainX.rows() == 0)
        return QRectF(xMin, -2, xMax - xMin, 4);
    double x0 = trainX(0, 0), x1 = x0, y0 = trainX(0, 1), y1 = y0;
    for (const Matrix* m : {&trainX, &testX})
        for (Eigen::Index i = 0; i < m->rows(); ++i) {
            x0 = std::min(x0, (*m)(i, 0));
            x1 = std::max(x1, (*m)(i, 0));
            y0 = std::min(y0, (*m)(i, 1));
            y1 = std::max(y1, (*m)(i, 1));
        }
    const double padX = std::max(1e-9, (x1 - x0) * 0.08), padY = std::max(1e-9, (y1 - y0) * 0.08);
    return QRectF(x0 - padX, y0 - padY, x1 - x0 + 2 * padX, y1 - y0 + 2 * padY);
}

CurveData buildCurveData(const QJsonObject& preset, int testRows, bool testOnGrid)
{
    const QString key = preset.value("dataset").toString("sine");
    if (!curveDatasetKeys().contains(key))
        throw DataError("this lab draws its data from a generator (" + curveDatasetKeys().join(", ").toStdString()
                        + "), not '" + key.toStdString() + "'");
    SyntheticSpec spec;
    spec.kind = key.toStdString();
    spec.samples = preset.value("n_samples").toInt(20);
    spec.noise = preset.value("noise").toDouble(0.3);
    spec.seed = static_cast<std::uint64_t>(preset.value("seed").toInt(0));
    spec.classes = preset.value("n_classes").toInt(3);
    if (spec.samples < 5 || spec.samples > 20000)
        throw DataError("n_samples must be between 5 and 20000 (got " + std::to_string(spec.samples) + ")");
    CurveData out;
    out.regression = key == "sine";
    SyntheticSpec testSpec = spec;
    testSpec.samples = testRows;
    testSpec.seed = spec.seed + kTestSeedOffset;
    if (out.regression) {
        const Dataset train = makeSynthetic(spec);
        out.trainX = train.featureMatrix();
        out.trainY = train.targetValues();
        out.xName = "x";
        out.yName = "y";
        if (testOnGrid) {
            // Evenly spaced inputs with the generator's noise on their targets.
            SeededRandom rng(testSpec.seed);
            out.testX.resize(testRows, 1);
            out.testY.resize(testRows);
            for (int i = 0; i < testRows; ++i) {
                const double x = out.xMin + (out.xMax - out.xMin) * (i + 0.5) / testRows;
                out.testX(i, 0) = x;
                out.testY(i) = sineTruth(x) + spec.noise * rng.normal();
            }
        } else {
            const Dataset test = makeSynthetic(testSpec);
            out.testX = test.featureMatrix();
            out.testY = test.targetValues();
        }
        out.testTruth = out.testX.col(0).unaryExpr([](double v) { return sineTruth(v); });
        out.description = QObject::tr("sine: %1 training points, %2 test points, noise %3")
                              .arg(spec.samples)
                              .arg(testRows)
                              .arg(spec.noise);
    } else {
        const Dataset train = makeSynthetic(spec);
        fillClassification(train, out.trainX, out.trainY);
        fillClassification(makeSynthetic(testSpec), out.testX, out.testY);
        for (const auto& label : train.classLabels())
            out.classNames << QString::fromStdString(label);
        const StringList features = train.featureNames();
        out.xName = QString::fromStdString(features.at(0));
        out.yName = QString::fromStdString(features.at(1));
        out.description = QObject::tr("%1: %2 training points, %3 test points, noise %4")
                              .arg(key)
                              .arg(spec.samples)
                              .arg(testRows)
                              .arg(spec.noise);
    }
    return out;
}

double paramNumber(const ParamValue& value)
{
    if (const auto* i = std::get_if<long long>(&value))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    return std::numeric_limits<double>::quiet_NaN();
}

QString ComplexitySpec::name() const
{
    const auto split = param.indexOf("__");
    return split < 0 ? param : param.mid(split + 2);
}

int ComplexitySpec::nearestIndex(const Pipeline& pipeline) const
{
    double current = std::numeric_limits<double>::quiet_NaN();
    try {
        current = paramNumber(pipeline.param(param.toStdString()));
    } catch (const std::exception&) {
        return 0;
    }
    int best = 0;
    for (int i = 1; i < count(); ++i)
        if (std::abs(numbers[i] - current) < std::abs(numbers[best] - current))
            best = i;
    return best;
}

ComplexitySpec complexityFromPreset(const QJsonObject& preset, const Pipeline& pipeline)
{
    const QJsonObject complexity = preset.value("complexity").toObject();
    ComplexitySpec spec;
    spec.param = complexity.value("param").toString();
    if (spec.param.isEmpty() || !spec.param.contains("__"))
        throw ParamError("the preset needs \"complexity\": {\"param\": \"<step>__<parameter>\", \"values\": [...]}");
    const QJsonArray values = complexity.value("values").toArray();
    if (values.size() < 2)
        throw ParamError("\"complexity\" needs at least two values for " + spec.param.toStdString());
    Pipeline probe = pipeline.cloneUnfitted();
    for (const auto& v : values) {
        const ParamValue value = paramFromPreset(v);
        const double number = paramNumber(value);
        if (!std::isfinite(number))
            throw ParamError("complexity values must be numbers; " + spec.param.toStdString() + " got "
                             + QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).toStdString());
        probe.setParam(spec.param.toStdString(), value);  // throws for an unknown step, parameter or bad value
        spec.values.push_back(value);
        spec.numbers << number;
    }
    return spec;
}

QString ComplexitySpec::valueText(double value)
{
    return QString::number(value, 'g', 6);
}

QString ComplexitySpec::label(int index) const
{
    return count() > 0 ? QString("%1 %2").arg(name(), valueText(numbers.value(index))) : QString();
}

QStringList visibleModelKnobs(const QJsonObject& preset, const Estimator& model, const ComplexitySpec& complexity,
                              const QString& modelStep)
{
    QStringList wanted;
    for (const auto& k : preset.value("knobs").toArray())
        wanted << k.toString();
    wanted << "alpha";
    QStringList visible;
    for (const auto& spec : model.paramSpecs()) {
        const QString name = QString::fromStdString(spec.name);
        const bool isComplexity = complexity.param == modelStep + "__" + name;
        if (wanted.contains(name) && !isComplexity && !visible.contains(name))
            visible << name;
    }
    return visible;
}

}  // namespace dslab
