// FunctionTransformer, scikit-learn's, with the function picked from a list:
// func is one of identity (scikit-learn's default, func=None), log1p, log,
// sqrt or square, applied element by element; inverseTransform applies the
// matching inverse (expm1, exp, square, sqrt, identity). scikit-learn takes
// any Python callable; a GUI pipeline saved as JSON cannot hold arbitrary
// code, so only these named functions are offered. Where numpy would give
// NaN or -inf with a warning (log of a value <= 0, log1p of a value <= -1,
// sqrt of a negative value) we throw a DataError naming the column instead,
// so a learner sees the problem; infinite values are refused as well. NaN
// passes through. Learns nothing: fit only records the width.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class FunctionTransformer : public Transformer {
public:
    std::string typeName() const override { return "FunctionTransformer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_features > 0; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void checkDomain(const Matrix& X) const;
    Eigen::Index m_features = 0;  // n_features_in_; 0 until fitted
};

}  // namespace dslab
