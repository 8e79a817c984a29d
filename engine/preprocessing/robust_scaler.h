// RobustScaler, scikit-learn's: (x - median) / (q_max - q_min) per column,
// with the quantiles of quantile_range (default the interquartile range, 25
// to 75) computed as numpy's 'linear' percentiles. Outliers barely move the
// median and the IQR, unlike the mean and std. A column whose range is zero
// keeps scale 1. NaN is ignored when fitting and stays NaN. scikit-learn's
// tuple quantile_range is the two parameters quantile_min and quantile_max;
// unit_variance is not offered.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class RobustScaler : public Transformer {
public:
    std::string typeName() const override { return "RobustScaler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's center_ (medians) and scale_ (quantile ranges); both are
    // learned even when with_centering or with_scaling is off, which
    // scikit-learn leaves as None.
    const Vector& center() const { return m_center; }
    const Vector& scale() const { return m_scale; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector m_center, m_scale;
    bool m_fitted = false;
};

}  // namespace dslab
