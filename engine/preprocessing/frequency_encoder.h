// FrequencyEncoder (ours, not scikit-learn): each category becomes its share
// of the training rows (missing values count as a category of their own); a
// category not seen in training gets unknown_value (0 by default: it was
// never seen). One output column per input column, same name. Reads a table.
#pragma once

#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/category_table.h"

namespace dslab {

class FrequencyEncoder : public TableTransformer {
public:
    std::string typeName() const override { return "FrequencyEncoder"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override { return inputColumns(); }
    StringList inputColumns() const override;
    bool isFitted() const override { return m_fitted; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    std::vector<CategoryTable> m_tables;
    bool m_fitted = false;
};

}  // namespace dslab
