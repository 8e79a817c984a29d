// MaxAbsScaler, scikit-learn's: divides each column by its largest absolute
// training value, so values land in [-1, 1] without shifting (zeros stay
// zero, which keeps sparse data sparse). A column of zeros keeps scale 1.
// NaN is ignored when fitting and stays NaN; an all-missing column learns NaN.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class MaxAbsScaler : public Transformer {
public:
    std::string typeName() const override { return "MaxAbsScaler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's max_abs_ and scale_.
    const Vector& maxAbs() const { return m_maxAbs; }
    const Vector& scale() const { return m_scale; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector m_maxAbs, m_scale;
    bool m_fitted = false;
};

}  // namespace dslab
