// RandomUnderSampler (imbalanced-learn): keeps a random subset (without
// replacement) of each larger class so that the minority class has
// sampling_strategy times its rows. Discards data: best with plenty of rows.
// Only at fit time inside a Pipeline.
#pragma once

#include "engine/imbalance/sampler.h"

namespace dslab {

class RandomUnderSampler : public Sampler {
public:
    std::string typeName() const override { return "RandomUnderSampler"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut) override;
};

}  // namespace dslab
