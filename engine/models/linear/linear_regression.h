// Ordinary least squares, scikit-learn's LinearRegression: minimizes
// ||y - X w - b||^2 by an orthogonal decomposition of the centered data,
// which gives the minimum-norm solution when features are collinear.
#pragma once

#include "engine/models/linear/linear_model.h"

namespace dslab {

class LinearRegression : public LinearModel {
public:
    std::string typeName() const override { return "LinearRegression"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
};

}  // namespace dslab
