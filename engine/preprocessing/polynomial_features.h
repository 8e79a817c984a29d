// PolynomialFeatures, scikit-learn's: all products of the input columns up to
// `degree` (distinct columns only with interaction_only), in scikit-learn's column
// order (1, x0, x1, x0^2, x0 x1, ...) and with its feature names ("x0 x1", "x0^2").
#pragma once

#include "engine/core/component.h"

#include <vector>

namespace dslab {

class PolynomialFeatures : public Transformer {
public:
    std::string typeName() const override { return "PolynomialFeatures"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    // "x0^2", "x0 x1" (or the given input names in their place); "1" for the bias.
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_fitted; }

    Eigen::Index inputFeatures() const { return m_inputs; }
    Eigen::Index outputFeatures() const { return static_cast<Eigen::Index>(m_terms.size()); }
    // scikit-learn's powers_: entry (i, j) is the exponent of input j in output i.
    Eigen::MatrixXi powers() const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    // Each output column as the sorted list of input columns it multiplies.
    void buildTerms(Eigen::Index inputs);
    std::vector<std::vector<int>> m_terms;
    Eigen::Index m_inputs = 0;
    bool m_fitted = false;
};

}  // namespace dslab
