// Scores of each feature against a class target, as scikit-learn's
// f_classif (one-way ANOVA F and its p-value), chi2 (chi-squared statistic of
// non-negative features such as counts, and its p-value) and
// mutual_info_classif (k-nearest-neighbour estimate, Ross 2014). SelectKBest
// keeps the highest-scoring features.
#pragma once

#include "engine/core/types.h"

#include <cstdint>

namespace dslab {

struct FeatureScores {
    Vector scores;
    Vector pValues;  // empty for mutual information
};

// y holds class codes. Throws DataError for missing values, fewer than two
// classes, or (chi2) negative features. A constant feature gets F = NaN as
// in scikit-learn.
FeatureScores fClassif(const Matrix& X, const Vector& y);
FeatureScores chi2(const Matrix& X, const Vector& y);
// Features are standardized and jittered with tiny seeded noise as in
// scikit-learn (so the exact values follow our generator, not numpy's).
FeatureScores mutualInfoClassif(const Matrix& X, const Vector& y, int neighbors = 3, std::uint64_t seed = 0);

// Upper tail probabilities: P(F(d1, d2) > f) and P(chi2(dof) > x).
double fSurvival(double f, double d1, double d2);
double chi2Survival(double x, double dof);

}  // namespace dslab
