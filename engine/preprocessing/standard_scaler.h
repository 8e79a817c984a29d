// StandardScaler, scikit-learn's: z = (x - mean) / std per column (population std;
// near-constant columns keep scale 1). Missing values (NaN) are ignored when fitting
// and stay NaN when transforming, so an imputer may come before or after it.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class StandardScaler : public Transformer {
public:
    std::string typeName() const override { return "StandardScaler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's mean_, var_, scale_ and n_samples_seen_ (per column:
    // rows without NaN). mean and var are computed even when with_mean or
    // with_std is off, so a lesson can show them.
    const Vector& mean() const { return m_mean; }
    const Vector& var() const { return m_var; }
    const Vector& scale() const { return m_scale; }
    const Vector& samplesSeen() const { return m_count; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void checkInput(const Matrix& X) const;
    Vector m_mean, m_var, m_scale, m_count;
    bool m_fitted = false;
};

}  // namespace dslab
