// ColumnTransformer, scikit-learn's: named transformers side by side, each on
// its own columns of the table, outputs concatenated in order. Written in a
// pipeline's JSON as scikit-learn's constructor:
//   {"type": "ColumnTransformer",
//    "transformers": [["num", {"type": "Pipeline", "steps": [{"type": "SimpleImputer"}, {"type": "StandardScaler"}]}, ["age", "fare"]],
//                     ["cat", {"type": "OneHotEncoder", "handle_unknown": "ignore"}, {"dtype": "categorical"}]],
//    "remainder": "drop"}
// A transformer is a step object, a {"type": "Pipeline", "steps": [...]} of
// steps, "passthrough" or "drop". Columns are a list of names (or one name),
// or a selector {"dtype": "numeric" | "categorical" | "text" | "datetime"} (or
// a list of those) matching the feature columns of that type. Steps that read
// a table (the encoders) get the selected columns as a table; the others get
// them as a numeric matrix (DataError naming a column that is not numeric).
// SimpleImputers placed before an encoder (scikit-learn's usual
// most_frequent + OneHotEncoder) fill the table's missing cells with each
// column's most frequent category (ties: the smallest); only strategy
// most_frequent is accepted there.
// A text vectorizer ({"type": "TfidfVectorizer"} on one column given by name,
// "text", as scikit-learn) must end its transformer; its output is sparse,
// and then the ColumnTransformer's output is sparse too (scipy's hstack of the
// blocks), which a Pipeline keeps sparse into its model.
// Output names are "<transformer>__<column>" (verbose_feature_names_out) and
// "remainder__<column>" for the columns passed through by remainder.
#pragma once

#include "engine/pipeline/table_transformer.h"

#include <memory>
#include <string>
#include <vector>

namespace dslab {

class Transformer;

class ColumnTransformer : public TableTransformer {
public:
    ColumnTransformer();
    ~ColumnTransformer() override;

    std::string typeName() const override { return "ColumnTransformer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool setConfig(const std::string& key, const nlohmann::json& value) override;
    void writeConfig(nlohmann::json& step) const override;
    // scikit-learn's nested parameter address below this step:
    // "<transformer>__<param>" for a one-step transformer,
    // "<transformer>__<step>__<param>" in a Pipeline one, the step named by
    // its type in any case ("simpleimputer", as scikit-learn's make_pipeline).
    // Returns the step and sets paramName; ParamError names what there is.
    Component* nestedComponent(const std::string& address, std::string& paramName) const;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    // The training rows' output is built from each step's own fitTransform.
    Matrix fitTransform(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    // True when a transformer is a text vectorizer.
    bool sparseOutput() const override;
    SparseMatrix transformSparse(const Dataset& data) const override;
    SparseMatrix fitTransformSparse(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override { return m_inputColumns; }
    bool isFitted() const override { return m_fitted; }

    std::size_t transformerCount() const;
    // The columns transformer i was given at fit (scikit-learn's transformers_ third field).
    const StringList& selectedColumns(std::size_t i) const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

    struct Block;

private:
    struct Entry;
    std::vector<Block> fitBlocks(const Dataset& data, const Vector* y, TrainContext& ctx);
    std::vector<Block> transformBlocks(const Dataset& data) const;
    std::vector<std::unique_ptr<Entry>> m_entries;
    StringList m_remainderColumns;  // passed through (remainder "passthrough"), in table order
    StringList m_inputColumns;
    StringList m_namesOut;
    bool m_fitted = false;
};

}  // namespace dslab
