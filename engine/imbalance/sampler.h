// A Sampler is a pipeline step that changes the training rows themselves
// (imbalanced-learn's fit_resample): it adds or drops rows to even out the
// classes. A Pipeline applies it only while fitting, after the transformers
// before it and before the steps after it; predicting never resamples, so
// test rows are neither duplicated nor invented.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class Sampler : public Component {
public:
    // y holds class codes. Writes the resampled rows to Xout / yOut (the
    // original rows first, in order, for over-samplers). Throws DataError
    // when the data cannot be resampled as asked.
    virtual void fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut) = 0;

    // A sampler learns nothing needed later: its state is only whether it ran.
    bool isFitted() const override { return m_fitted; }
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

protected:
    void markFitted() { m_fitted = true; }
    // Rows per class code and the codes present, with checks shared by the samplers.
    struct ClassCounts {
        std::vector<double> labels;            // sorted
        std::vector<Eigen::Index> counts;      // rows of each label
        std::vector<IndexList> rows;           // row indices of each label, in order
    };
    ClassCounts countClasses(const Matrix& X, const Vector& y) const;
    // For each class, how many rows it should have after resampling:
    // sampling_strategy is the wanted ratio of minority to majority rows.
    std::vector<Eigen::Index> overSampledCounts(const ClassCounts& c) const;

private:
    bool m_fitted = false;
};

}  // namespace dslab
