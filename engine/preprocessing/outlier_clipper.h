// OutlierClipper: OUR OWN transformer, not part of scikit-learn (it is what
// people write by hand with numpy.clip or pandas' clip). fit learns a lower
// and an upper bound per column; transform clips values to them, so extreme
// values stop dominating a mean, a scale or a linear model. method "iqr"
// (Tukey's fences): [Q1 - factor * IQR, Q3 + factor * IQR] with numpy
// 'linear' quartiles, factor 1.5 by default; method "zscore": mean -/+
// threshold * std (population std), threshold 3 by default. NaN is ignored
// when fitting and stays NaN; an all-missing column learns NaN bounds and
// is left as is.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class OutlierClipper : public Transformer {
public:
    std::string typeName() const override { return "OutlierClipper"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    bool isFitted() const override { return m_fitted; }

    const Vector& lowerBounds() const { return m_lower; }
    const Vector& upperBounds() const { return m_upper; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector m_lower, m_upper;
    bool m_fitted = false;
};

}  // namespace dslab
