#include "engine/preprocessing/kbins_discretizer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "KBinsDiscretizer";

// numpy.linspace(lo, hi, n + 1)
std::vector<double> linspace(double lo, double hi, int n)
{
    std::vector<double> out(static_cast<std::size_t>(n) + 1);
    const double step = (hi - lo) / n;
    for (int k = 0; k <= n; ++k)
        out[static_cast<std::size_t>(k)] = lo + k * step;
    out.back() = hi;
    return out;
}

// 1-D k-means as scikit-learn's KMeans(init=centers, n_init=1): Lloyd
// iterations on the centered data until the labels stop changing or the
// squared center shift is within tol = 1e-4 * variance; max 300 iterations.
std::vector<double> kmeans1d(const std::vector<double>& column, std::vector<double> centers)
{
    const std::size_t n = column.size(), k = centers.size();
    double mean = 0;
    for (double v : column)
        mean += v;
    mean /= static_cast<double>(n);
    std::vector<double> x(n);
    double var = 0;
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = column[i] - mean;
        var += x[i] * x[i];
    }
    var /= static_cast<double>(n);
    const double tol = var * 1e-4;
    for (double& c : centers)
        c -= mean;
    std::vector<int> labels(n, -1), previous(n, -1);
    auto assign = [&](const std::vector<double>& c) {
        for (std::size_t i = 0; i < n; ++i) {
            int best = 0;
            double bestDist = std::numeric_limits<double>::infinity();
            for (std::size_t j = 0; j < k; ++j) {
                const double d = (x[i] - c[j]) * (x[i] - c[j]);
                if (d < bestDist) {
                    bestDist = d;
                    best = static_cast<int>(j);
                }
            }
            labels[i] = best;
        }
    };
    for (int iter = 0; iter < 300; ++iter) {
        assign(centers);
        std::vector<double> sum(k, 0.0), count(k, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            sum[static_cast<std::size_t>(labels[i])] += x[i];
            count[static_cast<std::size_t>(labels[i])] += 1;
        }
        // An empty cluster takes the point farthest from its own center (the
        // farthest points first), which leaves its old cluster, as
        // scikit-learn's _relocate_empty_clusters_dense.
        std::vector<std::size_t> empty;
        for (std::size_t j = 0; j < k; ++j)
            if (count[j] == 0)
                empty.push_back(j);
        if (!empty.empty()) {
            std::vector<std::size_t> order(n);
            std::vector<double> far(n);
            for (std::size_t i = 0; i < n; ++i) {
                order[i] = i;
                const double diff = x[i] - centers[static_cast<std::size_t>(labels[i])];
                far[i] = diff * diff;
            }
            // Exact ties go to the later row, as numpy's argpartition picks them here.
            std::sort(order.begin(), order.end(),
                      [&far](std::size_t a, std::size_t b) { return far[a] > far[b] || (far[a] == far[b] && a > b); });
            for (std::size_t e = 0; e < empty.size() && e < n; ++e) {
                const std::size_t i = order[e];
                const auto from = static_cast<std::size_t>(labels[i]);
                sum[from] -= x[i];
                count[from] -= 1;
                sum[empty[e]] = x[i];
                count[empty[e]] = 1;
            }
        }
        double shift = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const double c = count[j] > 0 ? sum[j] / count[j] : sum[j];
            shift += (c - centers[j]) * (c - centers[j]);
            centers[j] = c;
        }
        if (labels == previous)
            break;
        if (shift <= tol)
            break;
        previous = labels;
    }
    for (double& c : centers)
        c += mean;
    return centers;
}

}  // namespace

const std::vector<ParamSpec>& KBinsDiscretizer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_bins", 5, 2, 1000, "Number of bins per column"),
        ParamSpec::choice("encode", "ordinal", {"ordinal", "onehot-dense"},
                          "ordinal: one column of bin indices per feature; onehot-dense: one 0/1 column per bin"),
        ParamSpec::choice("strategy", "quantile", {"uniform", "quantile", "kmeans"},
                          "Bin edges: equal widths, equal counts (quantiles), or between 1-D k-means centers"),
    };
    return specs;
}

void KBinsDiscretizer::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    preprocessing::rejectNonFinite(X, kOwner, "put SimpleImputer before KBinsDiscretizer");
    const int nBins = static_cast<int>(paramInt("n_bins"));
    const std::string strategy = paramString("strategy");
    std::vector<std::vector<double>> edges(static_cast<std::size_t>(X.cols()));
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        std::vector<double> column(X.col(j).data(), X.col(j).data() + X.rows());
        auto& e = edges[static_cast<std::size_t>(j)];
        const auto [mnIt, mxIt] = std::minmax_element(column.begin(), column.end());
        const double mn = *mnIt, mx = *mxIt;
        if (mn == mx) {  // constant: one bin, everything maps to 0
            e = {-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
            continue;
        }
        if (strategy == "uniform") {
            e = linspace(mn, mx, nBins);
        } else if (strategy == "quantile") {
            std::sort(column.begin(), column.end());
            const std::vector<double> qs = linspace(0.0, 100.0, nBins);
            for (double q : qs)
                e.push_back(preprocessing::percentileSorted(column, q));
        } else {
            const std::vector<double> uniform = linspace(mn, mx, nBins);
            std::vector<double> init(static_cast<std::size_t>(nBins));
            for (std::size_t b = 0; b < init.size(); ++b)
                init[b] = (uniform[b + 1] + uniform[b]) * 0.5;
            std::vector<double> centers = kmeans1d(column, init);
            std::sort(centers.begin(), centers.end());
            e.push_back(mn);
            for (std::size_t b = 0; b + 1 < centers.size(); ++b)
                e.push_back((centers[b + 1] + centers[b]) * 0.5);
            e.push_back(mx);
        }
        if (strategy != "uniform") {
            // Remove bins whose width is too small (<= 1e-8), as scikit-learn.
            std::vector<double> kept = {e.front()};
            for (std::size_t b = 1; b < e.size(); ++b)
                if (e[b] - e[b - 1] > 1e-8)
                    kept.push_back(e[b]);
            e = std::move(kept);
        }
    }
    m_edges = std::move(edges);
}

std::vector<int> KBinsDiscretizer::binCounts() const
{
    std::vector<int> out;
    for (const auto& e : m_edges)
        out.push_back(static_cast<int>(e.size()) - 1);
    return out;
}

Matrix KBinsDiscretizer::transform(const Matrix& X) const
{
    if (!isFitted())
        throwNotFitted();
    requireFeatureCount(X, static_cast<Eigen::Index>(m_edges.size()), kOwner);
    preprocessing::rejectNonFinite(X, kOwner, "put SimpleImputer before KBinsDiscretizer");
    const bool onehot = paramString("encode") == "onehot-dense";
    const std::vector<int> counts = binCounts();
    Eigen::Index width = X.cols();
    if (onehot) {
        width = 0;
        for (int c : counts)
            width += c;
    }
    Matrix out = Matrix::Zero(X.rows(), width);
    Eigen::Index offset = 0;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        const auto& e = m_edges[static_cast<std::size_t>(j)];
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            // numpy.searchsorted(edges[1:-1], x, side="right")
            const auto bin = std::upper_bound(e.begin() + 1, e.end() - 1, X(i, j)) - (e.begin() + 1);
            if (onehot)
                out(i, offset + bin) = 1.0;
            else
                out(i, j) = static_cast<double>(bin);
        }
        offset += counts[static_cast<std::size_t>(j)];
    }
    return out;
}

StringList KBinsDiscretizer::featureNamesOut(const StringList& namesIn) const
{
    if (!isFitted() || paramString("encode") != "onehot-dense" || namesIn.size() != m_edges.size())
        return namesIn;
    // OneHotEncoder's names over the bin indices 0.0, 1.0, ... as scikit-learn prints them.
    StringList out;
    for (std::size_t j = 0; j < namesIn.size(); ++j)
        for (std::size_t b = 0; b + 1 < m_edges[j].size(); ++b)
            out.push_back(namesIn[j] + "_" + std::to_string(b) + ".0");
    return out;
}

void KBinsDiscretizer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = isFitted();
    if (!isFitted())
        return;
    // JSON has no infinity: a constant column's edges (-inf, inf) are saved as nulls.
    nlohmann::json edges = nlohmann::json::array();
    for (const auto& e : m_edges) {
        nlohmann::json list = nlohmann::json::array();
        for (double v : e)
            list.push_back(std::isinf(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
        edges.push_back(std::move(list));
    }
    out["bin_edges"] = std::move(edges);
}

void KBinsDiscretizer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_edges.clear();
        return;
    }
    const auto it = in.find("bin_edges");
    if (it == in.end() || !it->is_array() || it->empty())
        throwDamagedState(kOwner, "'bin_edges' must be a non-empty list of edge lists");
    std::vector<std::vector<double>> edges;
    for (const auto& list : *it) {
        if (!list.is_array() || list.size() < 2)
            throwDamagedState(kOwner, "each entry of 'bin_edges' must list at least two edges");
        std::vector<double> e;
        for (std::size_t b = 0; b < list.size(); ++b) {
            const auto& v = list[b];
            if (v.is_null() && list.size() == 2)
                e.push_back(b == 0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity());
            else if (v.is_number())
                e.push_back(v.get<double>());
            else
                throwDamagedState(kOwner, "'bin_edges' holds a non-number");
        }
        if (!std::is_sorted(e.begin(), e.end()))
            throwDamagedState(kOwner, "'bin_edges' must be in increasing order");
        edges.push_back(std::move(e));
    }
    m_edges = std::move(edges);
}

}  // namespace dslab
