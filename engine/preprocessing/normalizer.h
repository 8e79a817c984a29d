// Normalizer, scikit-learn's: rescales each ROW (sample) to unit norm, l2
// (default), l1 or max (largest absolute value). It learns nothing from the
// data (fit only records the width); a row of zeros is left as is. As in
// scikit-learn, missing values are not allowed: impute first.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class Normalizer : public Transformer {
public:
    std::string typeName() const override { return "Normalizer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    bool isFitted() const override { return m_features > 0; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Eigen::Index m_features = 0;  // scikit-learn's n_features_in_; 0 until fitted
};

}  // namespace dslab
