#include "ui/labs/full_table.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/dataset.h"
#include "engine/data/split.h"

#include <cmath>

namespace dslab {

FullTable loadFullTable(const QString& key, const QString& datasetsDir)
{
    const Dataset data = loadBuiltinDataset(key.toStdString(), datasetsDir.toStdString());
    FullTable out;
    out.key = key;
    StringList columns;
    for (const auto& name : data.featureNames())
        if (data.column(name).type == ColumnType::Numeric) {
            columns.push_back(name);
            out.featureNames << QString::fromStdString(name);
        }
    if (columns.empty())
        throw DataError("'" + key.toStdString() + "' has no numeric feature columns; pick another dataset");
    const Matrix X = data.featureMatrix(columns);
    const BuiltinDatasetInfo* info = findBuiltinDataset(key.toStdString());
    const bool classification = !info || (info->task != "regression" && info->task != "time series");
    const StringList labels = classification ? data.classLabels() : StringList{};
    const Vector y = classification ? data.targetCodes() : data.targetValues();
    for (const auto& label : labels)
        out.classNames << QString::fromStdString(label);
    IndexList keep;
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        if (X.row(i).array().isFinite().all() && std::isfinite(y(i)))
            keep.push_back(i);
    out.X = selectRows(X, keep);
    out.y = selectRows(y, keep);
    return out;
}

}  // namespace dslab
