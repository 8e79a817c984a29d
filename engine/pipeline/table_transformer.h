// A step that reads a table (typed columns, text categories included) instead
// of a numeric matrix: the encoders (OneHotEncoder, OrdinalEncoder,
// FrequencyEncoder) and the ColumnTransformer. A Pipeline may start with one;
// it consumes the table and the later steps see its numeric output.
// A step whose output is mostly zeros (a text vectorizer's document-term
// matrix) says so with sparseOutput(); the Pipeline then keeps it sparse
// into a model that implements SparseEstimator.
#pragma once

#include "engine/core/component.h"
#include "engine/core/sparse_matrix.h"
#include "engine/data/dataset.h"

namespace dslab {

class TableTransformer : public Component {
public:
    // Learns from the table's feature columns (the target column excluded);
    // y (codes or values, may be null) is for supervised encoders.
    virtual void fit(const Dataset& data, const Vector* y, TrainContext& ctx) = 0;
    // Looks the fitted columns up by name: DataError names a missing one.
    virtual Matrix transform(const Dataset& data) const = 0;
    // Fit, then the training rows' output. A step may give the training rows
    // something else than transform would (TargetEncoder's out-of-fold codes).
    virtual Matrix fitTransform(const Dataset& data, const Vector* y, TrainContext& ctx)
    {
        fit(data, y, ctx);
        return transform(data);
    }
    // True when the fitted output is sparse (use the Sparse calls below
    // rather than densifying it).
    virtual bool sparseOutput() const { return false; }
    // The output as a sparse matrix (by default, the dense output's non-zeros).
    virtual SparseMatrix transformSparse(const Dataset& data) const { return transform(data).sparseView(); }
    virtual SparseMatrix fitTransformSparse(const Dataset& data, const Vector* y, TrainContext& ctx)
    {
        return fitTransform(data, y, ctx).sparseView();
    }
    // Names of the output columns (scikit-learn's get_feature_names_out).
    virtual StringList featureNamesOut() const = 0;
    // The table columns the fitted step reads, in the order it first uses them.
    virtual StringList inputColumns() const = 0;
};

}  // namespace dslab
