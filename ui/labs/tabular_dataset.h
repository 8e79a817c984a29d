// The table a tabular lab trains on: every numeric column of a built-in
// classification dataset (missing values kept as NaN, for an imputer step to
// fill), split into stratified training and validation parts. Columns that
// are not numbers are left out and listed, so the lab can say so.
#pragma once

#include "engine/core/types.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace dslab {

struct TabularDataset {
    Matrix trainX, validationX;
    Vector trainY, validationY;
    QStringList featureNames;
    QStringList classNames;
    QStringList leftOutColumns;  // not numeric: need an encoder (the Workbench)
    int missingCells = 0;        // NaN cells in the features
    QString description;         // e.g. "heart_disease: 303 rows, 13 numeric features, 6 missing values"

    int classCount() const { return static_cast<int>(classNames.size()); }
};

struct TabularDatasetChoice {
    QString key;
    QString label;
};

// Built-in classification datasets with at least two numeric features.
const QList<TabularDatasetChoice>& tabularDatasetChoices();

// Builds from preset keys: dataset, seed, validation_fraction (default 0.25),
// features (optional list of columns). Throws dslab::Error with a message.
TabularDataset buildTabularDataset(const QJsonObject& preset, const QString& datasetsDir);

}  // namespace dslab
