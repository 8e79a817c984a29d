// ExpressionFeatures (not scikit-learn: pandas' df.eval in a pipeline step):
// derived numeric columns computed from the table by small expressions,
// ratios and interactions such as
//   {"type": "ExpressionFeatures", "features": [["family_size", "sibsp + parch + 1"],
//                                               ["fare_per_person", "fare / family_size"],
//                                               ["female_x_pclass", "(sex == 'female') * pclass"]]}
// (the language: feature_expression.h). A feature may use the features
// listed before it. The output is the derived columns only, in order, named
// as given; inside a ColumnTransformer, list the columns they read, e.g.
// ["derived", {"type": "Pipeline", "steps": [ExpressionFeatures, SimpleImputer, StandardScaler]}, ["sibsp", "parch", "fare"]].
// Reads a table (TableTransformer). A syntax error is a ParamError naming the
// feature and the position; a name that is neither a column nor an earlier
// feature is a DataError naming it and the columns there are.
#pragma once

#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/feature_expression.h"

#include <utility>

namespace dslab {

class ExpressionFeatures : public TableTransformer {
public:
    std::string typeName() const override { return "ExpressionFeatures"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool setConfig(const std::string& key, const nlohmann::json& value) override;
    void writeConfig(nlohmann::json& step) const override;

    // Replaces the features (name, expression); throws ParamError like the JSON does.
    void setFeatures(const std::vector<std::pair<std::string, std::string>>& features);

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override { return m_inputColumns; }
    bool isFitted() const override { return m_fitted; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void checkNames(const Dataset& data) const;
    StringList m_names;
    std::vector<FeatureExpression> m_expressions;
    StringList m_inputColumns;
    bool m_fitted = false;
};

}  // namespace dslab
