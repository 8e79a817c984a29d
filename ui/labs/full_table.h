// A built-in dataset as one table in its file order: every numeric feature
// column and the target (class codes for a classification dataset, the
// values for a regression one). Labs that split the rows themselves (folds,
// paths fitted on all rows) start from this, not from a ready-made split,
// because the row order is part of what a splitter does.
#pragma once

#include "engine/core/types.h"

#include <QString>
#include <QStringList>

namespace dslab {

struct FullTable {
    Matrix X;
    Vector y;
    QStringList featureNames;
    QStringList classNames;  // empty for a regression target
    QString key;
    bool classification() const { return !classNames.isEmpty(); }
    int classCount() const { return static_cast<int>(classNames.size()); }
};

// Throws dslab::Error when the dataset is unknown or has no numeric features.
// Rows with a missing feature value are dropped (the labs here have no imputer).
FullTable loadFullTable(const QString& key, const QString& datasetsDir);

}  // namespace dslab
