// OutlierRemover: OUR OWN step (imbalanced-learn's FunctionSampler is the
// nearest thing). It drops the training rows that have a value beyond the
// bounds OutlierClipper would learn (Tukey's fences or z-scores, same
// parameters). It is a Sampler, so a Pipeline applies it only while
// fitting: rows are never dropped when predicting, because a model must
// answer for every row it is given. Missing values do not make a row an
// outlier.
#pragma once

#include "engine/imbalance/sampler.h"

namespace dslab {

class OutlierRemover : public Sampler {
public:
    std::string typeName() const override { return "OutlierRemover"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut) override;

    // Rows dropped by the last fitResample.
    Eigen::Index removedRows() const { return m_removed; }

private:
    Eigen::Index m_removed = 0;
};

}  // namespace dslab
