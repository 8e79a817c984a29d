// KNeighborsRegressor: the prediction for a sample is the mean (or the
// 1/distance-weighted mean) of the targets of its k nearest training samples,
// with scikit-learn's parameters.
#pragma once

#include "engine/models/neighbors/k_neighbors_base.h"

namespace dslab {

class KNeighborsRegressor final : public KNeighborsBase {
public:
    std::string typeName() const override { return "KNeighborsRegressor"; }
    bool isClassifier() const override { return false; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predict(const Matrix& X) const override;
};

}  // namespace dslab
