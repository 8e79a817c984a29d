// Ridge regression, scikit-learn's Ridge: minimizes
// ||y - X w - b||^2 + alpha ||w||^2 in closed form, by a Cholesky
// factorization of the centered normal equations (X^T X + alpha I) w = X^T y.
#pragma once

#include "engine/models/linear/linear_model.h"

namespace dslab {

class Ridge : public LinearModel {
public:
    std::string typeName() const override { return "Ridge"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
};

}  // namespace dslab
