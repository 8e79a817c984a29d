// Partial dependence and individual conditional expectation (ICE) curves for
// one feature or a pair, as scikit-learn's "brute" method: every row is
// predicted with the feature(s) set to each grid value; ICE keeps each row's
// curve and partial dependence is their mean. The grid spans the 5th to 95th
// percentiles (scikit-learn's mquantiles) in grid_resolution steps, or the
// distinct values when there are fewer of them.
#pragma once

#include "engine/core/types.h"

#include <vector>

namespace dslab {

class Predictor;

struct PartialDependenceOptions {
    int gridResolution = 100;
    double lowerPercentile = 0.05;
    double upperPercentile = 0.95;
    bool individual = true;  // keep the ICE curves
};

struct PartialDependence {
    std::vector<int> features;  // one or two
    std::vector<Vector> grid;   // grid values per feature
    // average(k, g): mean output k at grid point g; for a pair, g = a * grid[1].size() + b.
    Matrix average;
    // individual[k](row, g): output k of that row at grid point g (ICE).
    std::vector<Matrix> individual;
};

// Grid values of one column (scikit-learn's _grid_from_X for one feature).
Vector partialDependenceGrid(const Vector& column, const PartialDependenceOptions& options = {});

// Outputs are predictProba's columns for classifiers and predict for regressors.
PartialDependence partialDependence(const Predictor& model, const Matrix& X, const std::vector<int>& features,
                                    const PartialDependenceOptions& options = {});

}  // namespace dslab
