#include "engine/feature_selection/correlation_filter.h"

#include "engine/models/other/model_input.h"

#include <algorithm>
#include <cmath>

namespace dslab {

const std::vector<ParamSpec>& CorrelationFilter::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("threshold", 0.9, 0.0, 1.0,
                            "Drop a column whose |correlation| with a kept column is above this"),
    };
    return specs;
}

std::vector<Eigen::Index> CorrelationFilter::selectColumns(const Matrix& X, const Vector*, TrainContext&)
{
    requireFiniteFeatures(X, typeName());
    const double threshold = paramDouble("threshold");
    Matrix centered = X.rowwise() - X.colwise().mean();
    const Vector norms = centered.colwise().norm().transpose();
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        bool redundant = false;
        for (Eigen::Index k : kept) {
            // A constant column has no defined correlation: it is never "redundant" by it.
            if (norms(j) == 0 || norms(k) == 0)
                continue;
            // Clamped: rounding can push |r| of exactly collinear columns just above 1.
            const double r = std::min(1.0, std::abs(centered.col(j).dot(centered.col(k)) / (norms(j) * norms(k))));
            if (r > threshold) {
                redundant = true;
                break;
            }
        }
        if (!redundant)
            kept.push_back(j);
    }
    return kept;
}

}  // namespace dslab
