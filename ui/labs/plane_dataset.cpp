#include "ui/labs/plane_dataset.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/split.h"
#include "engine/data/synthetic.h"

#include <QJsonArray>
#include <cmath>

namespace dslab {

QRectF PlaneDataset::bounds() const
{
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    bool first = true;
    for (const Matrix* m : {&trainX, &validationX})
        for (Eigen::Index i = 0; i < m->rows(); ++i) {
            const double x = (*m)(i, 0), y = (*m)(i, 1);
            if (first) {
                x0 = x1 = x;
                y0 = y1 = y;
                first = false;
            }
            x0 = std::min(x0, x);
            x1 = std::max(x1, x);
            y0 = std::min(y0, y);
            y1 = std::max(y1, y);
        }
    const double padX = std::max(1e-9, (x1 - x0) * 0.08), padY = std::max(1e-9, (y1 - y0) * 0.08);
    return QRectF(x0 - padX, y0 - padY, x1 - x0 + 2 * padX, y1 - y0 + 2 * padY);
}

const QList<PlaneDatasetChoice>& planeDatasetChoices()
{
    static const QList<PlaneDatasetChoice> choices = {
        {"moons", QObject::tr("Two moons (synthetic)"), true, {}, {}},
        {"circles", QObject::tr("Circles (synthetic)"), true, {}, {}},
        {"blobs", QObject::tr("Blobs, 3 classes (synthetic)"), true, {}, {}},
        {"xor", QObject::tr("XOR (synthetic)"), true, {}, {}},
        {"spirals", QObject::tr("Spirals (synthetic)"), true, {}, {}},
        {"linear", QObject::tr("Linearly separable (synthetic)"), true, {}, {}},
        {"imbalanced", QObject::tr("Imbalanced (synthetic)"), true, {}, {}},
        {"iris", QObject::tr("Iris: petal length vs width"), false, "petal_length_cm", "petal_width_cm"},
        {"breast_cancer", QObject::tr("Breast cancer: mean radius vs texture"), false, "mean_radius", "mean_texture"},
        {"wine", QObject::tr("Wine: alcohol vs colour intensity"), false, "alcohol", "color_intensity"},
        {"penguins", QObject::tr("Penguins: bill length vs depth"), false, "bill_length_mm", "bill_depth_mm"},
        {"heart_disease", QObject::tr("Heart disease: age vs max heart rate"), false, "age", "thalach"},
    };
    return choices;
}

PlaneDataset buildPlaneDataset(const QJsonObject& preset, const QString& datasetsDir)
{
    const QString key = preset.value("dataset").toString("moons");
    const auto seed = static_cast<std::uint64_t>(preset.value("seed").toInt(0));
    const double validationFraction = preset.value("validation_fraction").toDouble(0.3);
    PlaneDataset out;
    Matrix X;
    Vector y;
    if (isSyntheticKind(key.toStdString())) {
        SyntheticSpec spec;
        spec.kind = key.toStdString();
        spec.samples = preset.value("n_samples").toInt(300);
        spec.noise = preset.value("noise").toDouble(0.2);
        spec.seed = seed;
        spec.classes = preset.value("n_classes").toInt(3);
        spec.ratio = preset.value("ratio").toDouble(0.1);
        if (spec.samples < 10 || spec.samples > 20000)
            throw DataError("n_samples must be between 10 and 20000");
        const Dataset data = makeSynthetic(spec);
        const StringList features = data.featureNames();
        X = data.featureMatrix({features.at(0), features.at(1)});
        y = data.targetCodes();
        for (const auto& label : data.classLabels())
            out.classNames << QString::fromStdString(label);
        out.xName = QString::fromStdString(features.at(0));
        out.yName = QString::fromStdString(features.at(1));
        out.description = QObject::tr("%1: %2 points, noise %3").arg(key).arg(spec.samples).arg(spec.noise);
    } else {
        const Dataset data = loadBuiltinDataset(key.toStdString(), datasetsDir.toStdString());
        QString fx, fy;
        const QJsonArray features = preset.value("features").toArray();
        if (features.size() == 2) {
            fx = features.at(0).toString();
            fy = features.at(1).toString();
        } else {
            for (const auto& c : planeDatasetChoices())
                if (c.key == key) {
                    fx = c.defaultX;
                    fy = c.defaultY;
                }
        }
        if (fx.isEmpty() || fy.isEmpty())
            throw DataError("choose two numeric columns of '" + key.toStdString() + "' (preset key \"features\")");
        const Matrix both = data.featureMatrix({fx.toStdString(), fy.toStdString()});
        const Vector codes = data.targetCodes();
        IndexList keep;
        for (Eigen::Index i = 0; i < both.rows(); ++i)
            if (std::isfinite(both(i, 0)) && std::isfinite(both(i, 1)))
                keep.push_back(i);
        out.droppedRows = static_cast<int>(both.rows()) - static_cast<int>(keep.size());
        X = selectRows(both, keep);
        y = selectRows(codes, keep);
        for (const auto& label : data.classLabels())
            out.classNames << QString::fromStdString(label);
        out.xName = fx;
        out.yName = fy;
        out.description = QObject::tr("%1: %2 vs %3, %4 rows").arg(key, fx, fy).arg(X.rows());
        if (out.droppedRows > 0)
            out.description += QObject::tr(" (%1 with missing values left out)").arg(out.droppedRows);
    }
    const SplitIndices split = trainTestSplit(X.rows(), validationFraction, seed, &y);
    out.trainX = selectRows(X, split.train);
    out.trainY = selectRows(y, split.train);
    out.validationX = selectRows(X, split.test);
    out.validationY = selectRows(y, split.test);
    return out;
}

}  // namespace dslab
