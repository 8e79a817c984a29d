// Data drift between the data a model was trained on and new data, per
// numeric feature: the population stability index (PSI) over 10 quantile
// bins of the training values, and the two-sample Kolmogorov-Smirnov
// statistic (largest gap between the two empirical CDFs) with its p-value.
// Rules of thumb for PSI: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 a
// major shift worth retraining for.
#pragma once

#include "engine/data/dataset.h"

#include <string>
#include <vector>

namespace dslab {

struct FeatureDrift {
    std::string feature;
    double psi = 0;
    double ksStatistic = 0;
    double ksPValue = 1;
    std::size_t trainCount = 0;   // non-missing values used
    std::size_t newCount = 0;
};

struct DriftReport {
    std::vector<FeatureDrift> features;  // numeric features of the training data, in column order
};

// PSI = sum over bins (new% - train%) * ln(new% / train%). Bin edges are the
// deciles of the training values (repeated edges merged, the outer bins
// open-ended); a share of 0 is raised to 1e-4 so the logarithm stays finite.
double populationStabilityIndex(const Vector& train, const Vector& fresh, int bins = 10);

struct KsTest {
    double statistic = 0;
    double pValue = 1;
};
// Two-sided two-sample KS test. The p-value uses the asymptotic Kolmogorov
// distribution with Stephens' small-sample correction (close to scipy's
// ks_2samp for samples of more than a few dozen values).
KsTest ksTwoSample(const Vector& a, const Vector& b);

// Compares every numeric feature column of `train` (the target excluded)
// with the same column of `fresh`; missing values are ignored. Throws
// DataError when `fresh` lacks a column or a column has no values.
DriftReport driftReport(const Dataset& train, const Dataset& fresh, int bins = 10);

}  // namespace dslab
