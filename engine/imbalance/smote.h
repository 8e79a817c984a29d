// SMOTE (Chawla et al. 2002, as imbalanced-learn): each synthetic row lies on
// the segment between a minority row and one of its k nearest neighbours of
// the same class, at a uniformly random position. Smaller classes grow to
// sampling_strategy times the majority class's rows. Needs numeric features
// without missing values (impute and scale first: distances decide the
// neighbours). Only at fit time inside a Pipeline.
#pragma once

#include "engine/imbalance/sampler.h"

namespace dslab {

class Smote : public Sampler {
public:
    std::string typeName() const override { return "SMOTE"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    // Throws DataError when a class to grow has fewer than k_neighbors + 1
    // rows, or X has missing values.
    void fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut) override;
};

}  // namespace dslab
