// SimpleImputer, scikit-learn's: fills missing values (NaN) column by column
// with the training column's mean, median, most frequent value, or a
// constant. As in scikit-learn 1.2, a column that is entirely missing at fit
// time is dropped (except with strategy "constant"): there is nothing to
// learn a fill value from, and its output name disappears with it.
// add_indicator appends MissingIndicator columns (features missing-only, no
// error on new gaps) after the filled ones, as scikit-learn.
#pragma once

#include "engine/core/component.h"
#include "engine/preprocessing/missing_indicator.h"

#include <vector>

namespace dslab {

class SimpleImputer : public Transformer {
public:
    std::string typeName() const override { return "SimpleImputer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's statistics_: the fill value of each input column (NaN
    // for a column that was entirely missing, which transform drops).
    const Vector& statistics() const { return m_statistics; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Vector m_statistics;
    MissingIndicator m_indicator;  // fitted with the imputer; used when add_indicator is on
    bool m_fitted = false;
};

}  // namespace dslab
