// Simulated production traffic for the deployment lab: rows drawn from a
// reference table by a smoothed bootstrap (resampled rows with a little
// Gaussian jitter per numeric feature, so a batch is new data from the same
// population rather than copies of training rows), then one feature drifted
// by a shift of its mean and a change of its spread. The target is kept, as
// labels that arrive later.
#pragma once

#include "engine/data/dataset.h"

#include <cstdint>
#include <string>

namespace dslab {

struct ProductionBatchSpec {
    std::size_t rows = 1000;
    std::uint64_t seed = 0;
    std::string driftFeature;  // empty: no drift
    double shiftSd = 0;        // mean shift in reference standard deviations
    double scale = 1;          // spread multiplier around the reference mean (> 0)
};

// Jitter bandwidth of the smoothed bootstrap, as a share of each feature's
// robust spread min(sd, IQR / 1.34): Silverman's 1.06 n^(-1/5) for the
// reference size n. The jittered value is shrunk towards the mean so the
// standard deviation stays the reference's, and clipped to the reference's
// observed range.
double smoothedBootstrapBandwidth(std::size_t referenceRows);

// Throws DataError when the reference is empty or the drift feature is
// missing or not numeric, and ParamError for rows = 0 or scale <= 0.
Dataset simulateProductionBatch(const Dataset& reference, const ProductionBatchSpec& spec);

}  // namespace dslab
