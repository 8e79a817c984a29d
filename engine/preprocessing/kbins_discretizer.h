// KBinsDiscretizer, scikit-learn's: cuts each column into n_bins intervals
// and replaces a value by the index of its interval. strategy "uniform"
// gives equal widths, "quantile" (default) equal counts (numpy 'linear'
// percentiles), "kmeans" the midpoints between the centers of a 1-D k-means
// (Lloyd, started from the uniform bins' centers; an empty cluster takes
// the point farthest from its center, as scikit-learn). As in
// scikit-learn, a constant column becomes one bin (all 0) and quantile or
// kmeans edges closer than 1e-8 are merged, so a column can end up with
// fewer bins; values outside the training range go to the first or last
// bin. encode "ordinal" (our default) gives one column of bin indices per
// feature; "onehot-dense" one 0/1 column per bin (scikit-learn's default
// "onehot" is the same matrix stored sparse). Missing values are not allowed,
// as in scikit-learn, and quantile does not subsample.
#pragma once

#include "engine/core/component.h"

#include <vector>

namespace dslab {

class KBinsDiscretizer : public Transformer {
public:
    std::string typeName() const override { return "KBinsDiscretizer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return !m_edges.empty(); }

    // scikit-learn's bin_edges_ (one list per column, n_bins_ + 1 edges) and n_bins_.
    const std::vector<std::vector<double>>& binEdges() const { return m_edges; }
    std::vector<int> binCounts() const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    std::vector<std::vector<double>> m_edges;
};

}  // namespace dslab
