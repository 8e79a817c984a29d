// MissingIndicator, scikit-learn's: one 0/1 column per feature saying where
// a value is missing (NaN). features "missing-only" (default) keeps the
// columns that had missing values at fit time, "all" keeps every column.
// With error_on_new (default, as scikit-learn) a column that had no missing
// value at fit time but has one at transform time is a DataError, since it
// would get no indicator. Output names are "missingindicator_<name>".
// SimpleImputer and KNNImputer use it for add_indicator.
#pragma once

#include "engine/core/component.h"

#include <vector>

namespace dslab {

class MissingIndicator : public Transformer {
public:
    std::string typeName() const override { return "MissingIndicator"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_inputs > 0; }

    // scikit-learn's features_: the input columns that get an indicator.
    const std::vector<Eigen::Index>& features() const { return m_features; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    std::vector<Eigen::Index> m_features;
    Eigen::Index m_inputs = 0;  // width seen in fit; 0 until fitted
};

}  // namespace dslab
