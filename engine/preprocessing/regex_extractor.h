// RegexExtractor (not scikit-learn: pandas' str.extract in a pipeline step):
// a capture group of a regular expression (ECMAScript syntax, searched
// anywhere in the cell) taken from each text column, e.g. the title in
// "Braund, Mr. Owen Harris" with pattern ",\s*([^.]+)\." gives "Mr".
// A missing cell or a cell without a match gets `fill` (or stays missing,
// the category "nan", when fill is empty). Values seen in fewer than
// group_rare_below training rows become "Rare". The categories are then
// encoded here, as the step reads text and its output must be numbers:
// encode "onehot" (one 0/1 column per category, sorted, "Rare" and "nan"
// among them; a value unseen in training counts as Rare when there is a
// Rare group, else all zeros) or "ordinal" (the category's index, -1 when
// unseen). A numeric column is read as its numbers' text. Names "<col>_<category>" or "<col>" (ordinal).
// A ColumnTransformer branch holds one table-reading step, so extraction and
// encoding live together here rather than as RegexExtractor -> OneHotEncoder.
#pragma once

#include "engine/pipeline/table_transformer.h"

namespace dslab {

class RegexExtractor : public TableTransformer {
public:
    std::string typeName() const override { return "RegexExtractor"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override;
    bool isFitted() const override { return m_fitted; }

    // Each row's category after extraction, fill and rare grouping ("" when
    // missing), for the fitted column `column`; what transform encodes.
    StringList extract(const Dataset& data, const std::string& column) const;
    // The fitted categories of a column, in output order ("nan" for missing).
    StringList categories(const std::string& column) const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

    static constexpr const char* kRare = "Rare";

private:
    struct Feature {
        std::string column;
        StringList categories;  // sorted, missing ("") last when seen
        bool hasRare = false;
        StringList frequent;    // extracted values kept as themselves (not grouped)
    };
    StringList rawExtract(const Column& c) const;
    std::string categoryOf(const Feature& f, const std::string& raw) const;
    std::vector<Feature> m_features;
    bool m_fitted = false;
};

}  // namespace dslab
