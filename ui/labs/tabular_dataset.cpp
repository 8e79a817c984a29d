#include "ui/labs/tabular_dataset.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/dataset.h"
#include "engine/data/split.h"

#include <QJsonArray>
#include <QObject>

namespace dslab {

const QList<TabularDatasetChoice>& tabularDatasetChoices()
{
    static const QList<TabularDatasetChoice> choices = {
        {"breast_cancer", QObject::tr("Breast cancer (569 rows, 30 features)")},
        {"heart_disease", QObject::tr("Heart disease (303 rows, 13 features, gaps)")},
        {"titanic", QObject::tr("Titanic (numeric columns, gaps in age)")},
        {"wine", QObject::tr("Wine (178 rows, 13 features, 3 classes)")},
        {"iris", QObject::tr("Iris (150 rows, 4 features, 3 classes)")},
        {"digits", QObject::tr("Digits (1797 images, 64 pixels, 10 classes)")},
        {"bank_marketing", QObject::tr("Bank marketing (numeric columns, imbalanced)")},
        {"adult_income_5k", QObject::tr("Adult income (numeric columns, 5000 rows)")},
    };
    return choices;
}

TabularDataset buildTabularDataset(const QJsonObject& preset, const QString& datasetsDir)
{
    const std::string key = preset.value("dataset").toString("breast_cancer").toStdString();
    const auto seed = static_cast<std::uint64_t>(preset.value("seed").toInt(0));
    const double validationFraction = preset.value("validation_fraction").toDouble(0.25);
    const Dataset data = loadBuiltinDataset(key, datasetsDir.toStdString());

    TabularDataset out;
    StringList columns;
    const QJsonArray wanted = preset.value("features").toArray();
    for (const auto& name : data.featureNames()) {
        if (!wanted.isEmpty() && !wanted.contains(QString::fromStdString(name)))
            continue;
        if (data.column(name).type == ColumnType::Numeric) {
            columns.push_back(name);
            out.featureNames << QString::fromStdString(name);
        } else {
            out.leftOutColumns << QString::fromStdString(name);
        }
    }
    if (columns.size() < 2)
        throw DataError("'" + key + "' has fewer than two numeric feature columns; pick another dataset");
    const Matrix X = data.featureMatrix(columns);
    const Vector y = data.targetCodes();
    for (const auto& label : data.classLabels())
        out.classNames << QString::fromStdString(label);
    if (out.classNames.size() < 2)
        throw DataError("'" + key + "' has a single class; a classifier needs at least two");
    out.missingCells = static_cast<int>(X.array().isNaN().count());

    const SplitIndices split = trainTestSplit(X.rows(), validationFraction, seed, &y);
    out.trainX = selectRows(X, split.train);
    out.trainY = selectRows(y, split.train);
    out.validationX = selectRows(X, split.test);
    out.validationY = selectRows(y, split.test);
    out.description = QObject::tr("%1: %2 rows, %3 numeric features, %4 classes")
                          .arg(QString::fromStdString(key))
                          .arg(X.rows())
                          .arg(out.featureNames.size())
                          .arg(out.classNames.size());
    if (out.missingCells > 0)
        out.description += QObject::tr(", %1 missing values").arg(out.missingCells);
    if (!out.leftOutColumns.isEmpty())
        out.description += QObject::tr(" (left out, not numeric: %1)").arg(out.leftOutColumns.join(QStringLiteral(", ")));
    return out;
}

}  // namespace dslab
