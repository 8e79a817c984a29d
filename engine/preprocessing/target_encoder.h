// TargetEncoder, with scikit-learn 1.3's semantics (1.2 has none): each
// category becomes a smoothed mean of the target over its training rows,
// shrunk toward the overall mean. smooth is a float m, giving
// (sum + m * mean) / (count + m), or "auto" (None), the empirical-Bayes
// weight var(y) n / (var(y) n + within-category variance). fitTransform is
// cross-fitted: the rows are cut into cv folds (StratifiedKFold for a binary
// target, KFold otherwise; shuffled with random_state, or the context's seed
// when None) and each fold is encoded by the others, so no training row sees
// its own target; transform uses the encoding learned on all rows. Unseen
// categories get the target mean. Missing values are a category.
// Differences: our folds come from our seeded generator, not numpy's, and a
// target with more than two values is treated as continuous (1.3 refuses
// multiclass). Reads a table; needs y.
#pragma once

#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/category_table.h"

namespace dslab {

class TargetEncoder : public TableTransformer {
public:
    std::string typeName() const override { return "TargetEncoder"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    // "smooth": "auto" is stored as None.
    bool setConfig(const std::string& key, const nlohmann::json& value) override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix fitTransform(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override { return inputColumns(); }
    StringList inputColumns() const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's encodings_ (per column, per category; missing last) and target_mean_.
    const std::vector<std::vector<double>>& encodings() const { return m_encodings; }
    double targetMean() const { return m_targetMean; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector targetFor(const Vector* y, std::size_t rows, bool& binary) const;
    std::vector<CategoryTable> m_tables;
    std::vector<std::vector<double>> m_encodings;
    double m_targetMean = 0;
    bool m_fitted = false;
};

}  // namespace dslab
