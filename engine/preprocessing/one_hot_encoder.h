// OneHotEncoder, scikit-learn 1.2's, dense output: one 0/1 column per
// category of each input column, categories sorted, a missing value (NaN or
// an empty cell) a category of its own named "nan" and sorted last.
// min_frequency groups rare categories into one "<col>_infrequent_sklearn"
// column after the frequent ones; drop "first" / "if_binary" removes the first
// output column of each (binary) feature; handle_unknown "error", "ignore"
// (all zeros) or "infrequent_if_exist". Numeric columns are encoded as
// categories, as scikit-learn does with numbers (names "pclass_1").
// Reads a table (TableTransformer); every feature column is encoded.
#pragma once

#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/category_table.h"

namespace dslab {

class OneHotEncoder : public TableTransformer {
public:
    std::string typeName() const override { return "OneHotEncoder"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's categories_ (missing shown as "nan", last).
    std::vector<StringList> categories() const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    struct Feature {
        CategoryTable table;
        std::vector<int> outIndex;  // category -> output column within the feature, -1 when dropped
        int infrequentOut = -1;     // output column of the infrequent group (-1 none or dropped)
        bool hasInfrequent = false;
        int width = 0;              // output columns of this feature
        StringList names;
    };
    void layout(Feature& f) const;
    std::vector<Feature> m_features;
    bool m_fitted = false;
};

}  // namespace dslab
