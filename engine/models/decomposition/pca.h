// PCA as a Transformer with scikit-learn's parameters and fitted attributes:
// exact SVD (or the covariance's eigenvectors when samples far outnumber
// features), svd_flip's signs, whitening and inverse_transform.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class PCA final : public Transformer {
public:
    std::string typeName() const override { return "PCA"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isFitted() const override { return m_fitted; }

    // y is ignored.
    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    // (X − mean) · componentsᵀ, divided by √explained_variance when whiten.
    Matrix transform(const Matrix& X) const override;
    // Back to the original space; exact when all components are kept.
    Matrix inverseTransform(const Matrix& Z) const;
    // "pca0", "pca1", ... as scikit-learn's get_feature_names_out.
    StringList featureNamesOut(const StringList& namesIn) const override;

    const Matrix& components() const { return m_components; }  // components_ (k x d), rows = directions
    const Vector& explainedVariance() const { return m_explainedVariance; }            // explained_variance_
    const Vector& explainedVarianceRatio() const { return m_explainedVarianceRatio; }  // explained_variance_ratio_
    const Vector& singularValues() const { return m_singularValues; }                  // singular_values_
    const Vector& mean() const { return m_mean; }                                      // mean_
    double noiseVariance() const { return m_noiseVariance; }                           // noise_variance_
    int nComponents() const { return static_cast<int>(m_components.rows()); }         // n_components_
    // The solver fit used: "full" (SVD) or "covariance_eigh".
    const std::string& solverUsed() const { return m_solverUsed; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void resetFitted();

    bool m_fitted = false;
    bool m_whiten = false;
    Matrix m_components;
    Vector m_explainedVariance, m_explainedVarianceRatio, m_singularValues, m_mean;
    double m_noiseVariance = 0;
    std::string m_solverUsed;
};

}  // namespace dslab
