// RandomOverSampler (imbalanced-learn): repeats rows of the smaller classes,
// drawn at random with replacement, until each has sampling_strategy times
// the majority class's rows. Only at fit time inside a Pipeline.
#pragma once

#include "engine/imbalance/sampler.h"

namespace dslab {

class RandomOverSampler : public Sampler {
public:
    std::string typeName() const override { return "RandomOverSampler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut) override;
};

}  // namespace dslab
