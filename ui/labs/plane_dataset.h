// The 2-D data a plane lab trains on: a seeded synthetic set or two numeric
// columns of a built-in dataset (rows with a missing value in them dropped),
// split into training and validation parts.
#pragma once

#include "engine/core/types.h"

#include <QJsonObject>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace dslab {

struct PlaneDataset {
    Matrix trainX, validationX;
    Vector trainY, validationY;
    QStringList classNames;
    QString xName, yName;
    QString description;  // e.g. "iris: petal_length_cm vs petal_width_cm, 150 rows"
    int droppedRows = 0;  // rows left out for a missing value

    int classCount() const { return static_cast<int>(classNames.size()); }
    // Data bounds with a margin, for the boundary grid.
    QRectF bounds() const;
};

struct PlaneDatasetChoice {
    QString key;     // "moons" or "iris"
    QString label;   // shown in the chooser
    bool synthetic = true;
    QString defaultX, defaultY;  // real datasets: the two columns shown
};

// The choices of the dataset chooser: generators first, then real datasets.
const QList<PlaneDatasetChoice>& planeDatasetChoices();

// Builds from preset keys: dataset, n_samples, noise, seed, features, validation_fraction.
// Throws dslab::Error with an actionable message.
PlaneDataset buildPlaneDataset(const QJsonObject& preset, const QString& datasetsDir);

}  // namespace dslab
