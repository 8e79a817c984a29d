// Pipeline: transformers (and samplers such as SMOTE, which resample the
// training rows while fitting and are skipped when predicting) followed by an
// optional final estimator, fitted in order on training data only (so no step
// sees the test set). It records the
// schema of the table it was fitted on and the class labels, so predicting on
// a new table checks the columns and returns the original labels.
//
// The first step may read a table (a TableTransformer: ColumnTransformer,
// OneHotEncoder, ...). Then fit(Dataset) fits it on the table's feature
// columns, the later steps see its numeric output, and the schema lists the
// columns it reads. The Matrix overloads (transform, predict, predictProba)
// of such a pipeline take that output, which is what featuresFor returns.
//
// When that first step's output is sparse (a CountVectorizer or
// TfidfVectorizer reading a text column, or a ColumnTransformer holding one),
// the pipeline keeps it sparse: fit and the table overloads of predict hand
// it to a final estimator that implements SparseEstimator (MultinomialNB,
// LogisticRegression). Numeric transformers and samplers cannot follow such
// a step (ParamError at fit), since they would densify a corpus-sized matrix.
#pragma once

#include "engine/core/component.h"
#include "engine/core/sparse_matrix.h"
#include "engine/data/dataset.h"

#include <memory>
#include <string>
#include <vector>

namespace dslab {

class TableTransformer;
class SparseEstimator;

struct SchemaColumn {
    std::string name;
    ColumnType type = ColumnType::Numeric;
};

struct InputSchema {
    std::vector<SchemaColumn> columns;  // feature columns in model order
    std::string target;
    StringList classLabels;             // empty for regression
};

class Pipeline : public Predictor {
public:
    struct Step {
        std::string name;
        std::unique_ptr<Component> component;
    };

    Pipeline() = default;
    Pipeline(Pipeline&&) noexcept = default;
    Pipeline& operator=(Pipeline&&) noexcept = default;

    // The name defaults to the type name ("StandardScaler"), made unique.
    void addStep(std::unique_ptr<Component> component, std::string name = {});
    std::size_t stepCount() const { return m_steps.size(); }
    const Step& step(std::size_t i) const { return m_steps.at(i); }
    Step& step(std::size_t i) { return m_steps.at(i); }
    Component* findStep(const std::string& name) const;
    // The last step if it is a model, else null.
    Estimator* finalEstimator() const;
    // The first step if it reads a table, else null.
    TableTransformer* tableStep() const;

    // scikit-learn's "<step>__<param>" addressing, e.g. "LogisticRegression__C".
    void setParam(const std::string& address, const ParamValue& value);
    const ParamValue& param(const std::string& address) const;

    // Fits on a numeric matrix. featureNames (optional) name X's columns in
    // messages. A pipeline whose first step reads a table needs fit(Dataset).
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames = {});
    // Fits on a table with a target: records the schema and the class labels.
    void fit(const Dataset& data, TrainContext& ctx);

    bool isFitted() const;
    bool isClassifier() const override;
    // Output of all transformer steps (the final estimator excluded).
    Matrix transform(const Matrix& X) const;
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
    const Component* component() const override { return finalEstimator(); }

    // Checks the table against the fitted schema (DataError naming missing or
    // mistyped columns) and returns the numeric feature matrix in model order
    // (for a pipeline that reads a table: its first step's output).
    Matrix featuresFor(const Dataset& data) const;
    // True when the first step reads a table and gives sparse output.
    bool sparseFeatures() const;
    // The first step's sparse output for a table checked against the schema
    // (a pipeline without a sparse step: its dense features, sparsified).
    SparseMatrix sparseFeaturesFor(const Dataset& data) const;
    Vector predict(const Dataset& data) const;
    Matrix predictProba(const Dataset& data) const;
    // Predictions as the original labels (class names, or numbers for regression).
    StringList predictLabels(const Dataset& data) const;

    const InputSchema& schema() const { return m_schema; }
    void setSchema(InputSchema schema) { m_schema = std::move(schema); }
    const StringList& featureNames() const { return m_featureNames; }
    void setFeatureNames(StringList names) { m_featureNames = std::move(names); }

    // Unfitted copy with the same steps and parameters.
    Pipeline cloneUnfitted() const;

private:
    void fitMatrix(const Matrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames);
    void fitSparse(const SparseMatrix& X, const Vector& y, TrainContext& ctx, const StringList& featureNames);
    // ParamError unless every step after the sparse first one is a model that takes sparse input.
    void checkSparseChain() const;
    void checkSchema(const Dataset& data) const;
    const SparseEstimator& sparseModel() const;
    Component* stepForAddress(const std::string& address, std::string& paramName) const;
    std::vector<Step> m_steps;
    InputSchema m_schema;
    StringList m_featureNames;
};

}  // namespace dslab
