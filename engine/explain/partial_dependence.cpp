#include "engine/explain/partial_dependence.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace dslab {

namespace {

// scipy.stats.mstats.mquantiles with its defaults (alphap = betap = 0.4),
// which scikit-learn uses for the grid's ends.
double mquantile(const std::vector<double>& sorted, double p)
{
    const auto n = static_cast<double>(sorted.size());
    const double m = 0.4 + p * (1.0 - 0.4 - 0.4);
    const double aleph = n * p + m;
    const double k = std::floor(std::clamp(aleph, 1.0, n - 1.0));
    const double gamma = std::clamp(aleph - k, 0.0, 1.0);
    const auto i = static_cast<std::size_t>(k);
    if (sorted.size() == 1)
        return sorted[0];
    return (1.0 - gamma) * sorted[i - 1] + gamma * sorted[i];
}

Matrix modelOutput(const Predictor& model, const Matrix& X)
{
    if (model.isClassifier())
        return model.predictProba(X);
    const Vector p = model.predict(X);
    return Matrix(p);
}

}  // namespace

Vector partialDependenceGrid(const Vector& column, const PartialDependenceOptions& options)
{
    if (column.size() == 0)
        throw DataError("partial dependence: there are no rows to build the grid from");
    if (options.gridResolution < 2)
        throw ParamError("partial dependence: grid_resolution must be at least 2, got " + std::to_string(options.gridResolution));
    if (!(options.lowerPercentile >= 0 && options.lowerPercentile < options.upperPercentile && options.upperPercentile <= 1))
        throw ParamError("partial dependence: percentiles must satisfy 0 <= lower < upper <= 1");
    std::vector<double> sorted(column.data(), column.data() + column.size());
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> distinct = sorted;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (static_cast<int>(distinct.size()) < options.gridResolution)
        return Eigen::Map<const Vector>(distinct.data(), static_cast<Eigen::Index>(distinct.size()));
    const double low = mquantile(sorted, options.lowerPercentile);
    const double high = mquantile(sorted, options.upperPercentile);
    if (low == high)
        throw DataError("partial dependence: the percentiles of the feature are equal; widen them or use another feature");
    return Vector::LinSpaced(options.gridResolution, low, high);
}

PartialDependence partialDependence(const Predictor& model, const Matrix& X, const std::vector<int>& features,
                                    const PartialDependenceOptions& options)
{
    if (features.empty() || features.size() > 2)
        throw ParamError("partial dependence: pass one feature or a pair, got " + std::to_string(features.size()));
    for (int f : features)
        if (f < 0 || f >= X.cols())
            throw ParamError("partial dependence: feature index " + std::to_string(f) + " is out of range (0.."
                             + std::to_string(X.cols() - 1) + ")");
    PartialDependence pd;
    pd.features = features;
    for (int f : features)
        pd.grid.push_back(partialDependenceGrid(X.col(f), options));
    const Eigen::Index second = features.size() == 2 ? pd.grid[1].size() : 1;
    const Eigen::Index points = pd.grid[0].size() * second;

    const Eigen::Index n = X.rows();
    Matrix varied = X;
    for (Eigen::Index g = 0; g < points; ++g) {
        varied.col(features[0]).setConstant(pd.grid[0](g / second));
        if (features.size() == 2)
            varied.col(features[1]).setConstant(pd.grid[1](g % second));
        const Matrix out = modelOutput(model, varied);
        if (g == 0) {
            pd.average.resize(out.cols(), points);
            if (options.individual)
                pd.individual.assign(static_cast<std::size_t>(out.cols()), Matrix(n, points));
        }
        pd.average.col(g) = out.colwise().mean().transpose();
        if (options.individual)
            for (Eigen::Index k = 0; k < out.cols(); ++k)
                pd.individual[static_cast<std::size_t>(k)].col(g) = out.col(k);
    }
    return pd;
}

}  // namespace dslab
