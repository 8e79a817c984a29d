// OrdinalEncoder, scikit-learn 1.2's: each category becomes its index in the
// column's categories, sorted ("auto") or in an explicit per-column order
// given in the pipeline JSON as "categories": [["low", "mid", "high"], ...].
// A missing value (NaN or an empty cell) seen in training becomes
// encoded_missing_value; an unseen category (a missing value too when
// training had none or the explicit list lacks it, as in scikit-learn) is an
// error or unknown_value (handle_unknown "use_encoded_value"). JSON has no NaN, so None stands for scikit-learn's
// np.nan in both (the default for encoded_missing_value, as scikit-learn's).
// Numeric columns are encoded as categories. Reads a table.
#pragma once

#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/category_table.h"

namespace dslab {

class OrdinalEncoder : public TableTransformer {
public:
    std::string typeName() const override { return "OrdinalEncoder"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool setConfig(const std::string& key, const nlohmann::json& value) override;
    void writeConfig(nlohmann::json& step) const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override { return inputColumns(); }
    StringList inputColumns() const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's categories_ (without the missing marker).
    std::vector<StringList> categories() const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    std::vector<StringList> m_explicit;  // empty: "auto"
    std::vector<CategoryTable> m_tables;
    bool m_fitted = false;
};

}  // namespace dslab
