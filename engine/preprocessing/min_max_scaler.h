// MinMaxScaler, scikit-learn's: maps each column's training [min, max] onto
// feature_range (default [0, 1]): x * scale + min with scale = range width /
// (max - min). A constant column keeps scale 1 (scikit-learn's
// _handle_zeros_in_scale), so it is shifted onto feature_range_min. NaN is
// ignored when fitting and stays NaN; a column with no value at all learns
// NaN and transforms to NaN. scikit-learn's tuple feature_range is the two
// parameters feature_range_min and feature_range_max here. With clip, values
// outside the training range are clipped to feature_range.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class MinMaxScaler : public Transformer {
public:
    std::string typeName() const override { return "MinMaxScaler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's data_min_, data_max_, data_range_, scale_ and min_.
    const Vector& dataMin() const { return m_dataMin; }
    const Vector& dataMax() const { return m_dataMax; }
    Vector dataRange() const { return m_dataMax - m_dataMin; }
    const Vector& scale() const { return m_scale; }
    const Vector& min() const { return m_min; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector m_dataMin, m_dataMax, m_scale, m_min;
    bool m_fitted = false;
};

}  // namespace dslab
