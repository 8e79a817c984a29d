// Quantile binning of the features into at most 256 bins, computed once per
// fit: forest and boosting trees then search splits over bin histograms
// instead of sorted values. A bin's upper edge is the threshold a split at
// that bin uses on raw values, so binned training and raw prediction agree.
#pragma once

#include "engine/core/types.h"

#include <cstdint>
#include <vector>

namespace dslab {

class FeatureBins {
public:
    // maxBins in [2, 256]. Edges come from at most `sampleRows` rows (a seeded
    // sample, as LightGBM and scikit-learn's HistGradientBoosting do): with
    // at most maxBins distinct values each value gets its own bin, otherwise
    // the bins hold about equal shares of the rows.
    void fit(const Matrix& X, int maxBins, int threads, std::uint64_t seed, Eigen::Index sampleRows = 200000);

    int featureCount() const { return static_cast<int>(m_edges.size()); }
    int binCount(int feature) const { return static_cast<int>(m_edges[static_cast<std::size_t>(feature)].size()) + 1; }
    // x <= threshold(f, b) exactly when code(f, x) <= b (b < binCount(f) - 1).
    double threshold(int feature, int bin) const
    {
        return m_edges[static_cast<std::size_t>(feature)][static_cast<std::size_t>(bin)];
    }
    std::uint8_t code(int feature, double x) const;

    // Codes of every value: column-major (feature f of row i at f * rows + i)
    // for per-feature scans, row-major (at i * features + f) for per-row scans.
    std::vector<std::uint8_t> codesByColumn(const Matrix& X, int threads) const;
    std::vector<std::uint8_t> codesByRow(const Matrix& X, int threads) const;

private:
    std::vector<std::vector<double>> m_edges;  // per feature, increasing upper bin edges
};

}  // namespace dslab
