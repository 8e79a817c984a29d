#include "engine/models/cluster/k_means.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/data/seeded_random.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/random_streams.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

// Rows per parallel block. Fixed (not derived from the thread count) so that
// partial sums are combined in the same order on any number of threads.
constexpr Eigen::Index kBlock = 256;

struct Data {
    Matrix X;       // n x d, centred (scikit-learn subtracts the mean for precision)
    Matrix Xt;      // d x n, each sample contiguous
    int threads = 1;
    Eigen::Index n() const { return X.rows(); }
    Eigen::Index d() const { return X.cols(); }
    std::size_t blocks() const { return static_cast<std::size_t>((n() + kBlock - 1) / kBlock); }
};

// Nearest centre of every row (first centre on ties) via |c|² − 2x·c in one
// product per block; with `sums`, also the per-cluster sums and counts.
void assignLabels(const Data& data, const Matrix& centers, std::vector<int>& labels, Matrix* sums, Vector* counts)
{
    const Eigen::Index k = centers.rows();
    const Vector cn = centers.rowwise().squaredNorm();
    const std::size_t blocks = data.blocks();
    std::vector<Matrix> partSums(sums ? blocks : 0);
    std::vector<Vector> partCounts(sums ? blocks : 0);
    labels.resize(static_cast<std::size_t>(data.n()));
    parallelFor(0, blocks, data.threads, [&](std::size_t b) {
        const Eigen::Index r0 = static_cast<Eigen::Index>(b) * kBlock;
        const Eigen::Index rows = std::min(kBlock, data.n() - r0);
        Matrix D(rows, k);
        D.noalias() = data.X.middleRows(r0, rows) * centers.transpose();
        for (Eigen::Index r = 0; r < rows; ++r) {
            int best = 0;
            double bestValue = cn(0) - 2 * D(r, 0);
            for (Eigen::Index j = 1; j < k; ++j) {
                const double v = cn(j) - 2 * D(r, j);
                if (v < bestValue) {
                    bestValue = v;
                    best = static_cast<int>(j);
                }
            }
            labels[static_cast<std::size_t>(r0 + r)] = best;
        }
        if (sums) {
            Matrix S = Matrix::Zero(data.d(), k);
            Vector C = Vector::Zero(k);
            for (Eigen::Index r = 0; r < rows; ++r) {
                const int l = labels[static_cast<std::size_t>(r0 + r)];
                S.col(l) += data.Xt.col(r0 + r);
                C(l) += 1;
            }
            partSums[b] = std::move(S);
            partCounts[b] = std::move(C);
        }
    });
    if (sums) {
        *sums = Matrix::Zero(data.d(), k);
        *counts = Vector::Zero(k);
        for (std::size_t b = 0; b < blocks; ++b) {
            *sums += partSums[b];
            *counts += partCounts[b];
        }
    }
}

// Squared distance of every row to the centre it is assigned to.
Vector distancesToOwnCenter(const Data& data, const Matrix& centers, const std::vector<int>& labels)
{
    const Matrix Ct = centers.transpose();
    Vector out(data.n());
    parallelFor(0, data.blocks(), data.threads, [&](std::size_t b) {
        const Eigen::Index r0 = static_cast<Eigen::Index>(b) * kBlock;
        const Eigen::Index rows = std::min(kBlock, data.n() - r0);
        for (Eigen::Index i = r0; i < r0 + rows; ++i)
            out(i) = (data.Xt.col(i) - Ct.col(labels[static_cast<std::size_t>(i)])).squaredNorm();
    });
    return out;
}

double inertiaOf(const Data& data, const Matrix& centers, const std::vector<int>& labels)
{
    const Vector d2 = distancesToOwnCenter(data, centers, labels);
    // Sum per block, then blocks in order: the same total on any thread count.
    double total = 0;
    for (Eigen::Index r0 = 0; r0 < data.n(); r0 += kBlock)
        total += d2.segment(r0, std::min(kBlock, data.n() - r0)).sum();
    return total;
}

Vector squaredDistancesTo(const Data& data, Eigen::Index row)
{
    return (data.Xt.colwise() - data.Xt.col(row)).colwise().squaredNorm().transpose();
}

// Greedy k-means++ (scikit-learn's _kmeans_plusplus): each new centre is the
// best of 2 + ln(k) candidates drawn with probability ∝ D(x)².
Matrix kmeansPlusPlus(const Data& data, int k, SeededRandom& rng)
{
    const Eigen::Index n = data.n();
    const int trials = 2 + static_cast<int>(std::log(static_cast<double>(k)));
    Matrix centers(k, data.d());
    Eigen::Index first = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(n)));
    centers.row(0) = data.X.row(first);
    Vector closest = squaredDistancesTo(data, first);
    double potential = closest.sum();
    std::vector<double> cumulative(static_cast<std::size_t>(n));
    for (int c = 1; c < k; ++c) {
        double running = 0;
        for (Eigen::Index i = 0; i < n; ++i)
            cumulative[static_cast<std::size_t>(i)] = running += closest(i);
        Eigen::Index bestCandidate = -1;
        double bestPotential = std::numeric_limits<double>::infinity();
        Vector bestClosest;
        for (int t = 0; t < trials; ++t) {
            const double r = rng.uniform() * potential;
            auto it = std::lower_bound(cumulative.begin(), cumulative.end(), r);  // numpy searchsorted, side='left'
            const Eigen::Index candidate = std::min<Eigen::Index>(it - cumulative.begin(), n - 1);
            Vector candidateClosest = closest.cwiseMin(squaredDistancesTo(data, candidate));
            const double pot = candidateClosest.sum();
            if (pot < bestPotential) {
                bestPotential = pot;
                bestCandidate = candidate;
                bestClosest = std::move(candidateClosest);
            }
        }
        centers.row(c) = data.X.row(bestCandidate);
        closest = std::move(bestClosest);
        potential = bestPotential;
    }
    return centers;
}

Matrix randomInit(const Data& data, int k, SeededRandom& rng)
{
    // k distinct rows: the first k of a partial Fisher-Yates shuffle.
    std::vector<Eigen::Index> perm(static_cast<std::size_t>(data.n()));
    for (Eigen::Index i = 0; i < data.n(); ++i)
        perm[static_cast<std::size_t>(i)] = i;
    Matrix centers(k, data.d());
    for (int c = 0; c < k; ++c) {
        const auto j = static_cast<std::size_t>(c) + rng.below(static_cast<std::uint64_t>(data.n() - c));
        std::swap(perm[static_cast<std::size_t>(c)], perm[j]);
        centers.row(c) = data.X.row(perm[static_cast<std::size_t>(c)]);
    }
    return centers;
}

struct Run {
    Matrix centers;
    std::vector<int> labels;
    double inertia = std::numeric_limits<double>::infinity();
    int nIter = 0;
};

}  // namespace

const std::vector<ParamSpec>& KMeans::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_clusters", 8, 1, 100000, "Number of clusters (k) and of centres to find"),
        ParamSpec::choice("init", "k-means++", {"k-means++", "random"},
                          "Initial centres: k-means++ spreads them out (each new one far from the others), "
                          "random picks k training rows"),
        ParamSpec::integer("n_init", 10, 1, 1000,
                           "Runs from different initial centres; the run with the lowest inertia is kept"),
        ParamSpec::integer("max_iter", 300, 1, 1000000, "Maximum Lloyd iterations per run"),
        ParamSpec::floating("tol", 1e-4, 0.0, 1.0,
                            "Stop when the centres move less than tol times the mean feature variance")
            .logarithmic(),
    };
    return specs;
}

void KMeans::resetFitted()
{
    m_fitted = false;
    m_centers.resize(0, 0);
    m_labels.resize(0);
    m_inertia = 0;
    m_nIter = 0;
}

void KMeans::fit(const Matrix& X, const Vector& /*y: unsupervised*/, TrainContext& ctx)
{
    resetFitted();
    const std::string owner = typeName();
    requireSamples(X, owner);
    requireFiniteFeatures(X, owner);
    const long long k = paramInt("n_clusters");
    if (k > X.rows())
        throw DataError("KMeans: n_clusters = " + std::to_string(k) + " is more than the " + std::to_string(X.rows())
                        + " samples; every cluster needs at least one sample, so lower n_clusters to at most "
                        + std::to_string(X.rows()));
    const int nInit = static_cast<int>(paramInt("n_init"));
    const int maxIter = static_cast<int>(paramInt("max_iter"));
    const bool plusPlus = paramString("init") == "k-means++";

    Data data;
    const Eigen::RowVectorXd mean = X.colwise().mean();
    data.X = X.rowwise() - mean;
    data.Xt = data.X.transpose();
    data.threads = ctx.threads;
    // scikit-learn's tolerance is relative to the data: tol x mean variance.
    const double tol = data.X.colwise().squaredNorm().mean() / static_cast<double>(X.rows()) * paramDouble("tol");

    Run best;
    int step = 0;
    bool stopped = false;
    for (int run = 0; run < nInit && !stopped; ++run) {
        if (!ctx.checkpoint()) {
            stopped = true;
            break;
        }
        SeededRandom rng(streamSeed(ctx.seed, static_cast<std::uint64_t>(run)));
        Matrix centers = plusPlus ? kmeansPlusPlus(data, static_cast<int>(k), rng) : randomInit(data, static_cast<int>(k), rng);
        std::vector<int> labels, labelsOld(static_cast<std::size_t>(data.n()), -1);
        Matrix sums;
        Vector counts;
        bool strict = false;
        int iter = 0;
        while (iter < maxIter) {
            if (iter > 0 && !ctx.checkpoint()) {
                stopped = true;
                break;
            }
            assignLabels(data, centers, labels, &sums, &counts);
            // Empty clusters take the points farthest from their centres (as scikit-learn does).
            std::vector<Eigen::Index> empty;
            for (Eigen::Index c = 0; c < k; ++c)
                if (counts(c) == 0)
                    empty.push_back(c);
            if (!empty.empty()) {
                const Vector d2 = distancesToOwnCenter(data, centers, labels);
                std::vector<Eigen::Index> far(static_cast<std::size_t>(data.n()));
                for (Eigen::Index i = 0; i < data.n(); ++i)
                    far[static_cast<std::size_t>(i)] = i;
                std::partial_sort(far.begin(), far.begin() + static_cast<std::ptrdiff_t>(empty.size()), far.end(),
                                  [&](Eigen::Index a, Eigen::Index b) { return d2(a) > d2(b) || (d2(a) == d2(b) && a < b); });
                for (std::size_t e = 0; e < empty.size(); ++e) {
                    const Eigen::Index point = far[e];
                    const int from = labels[static_cast<std::size_t>(point)];
                    sums.col(from) -= data.Xt.col(point);
                    counts(from) -= 1;
                    sums.col(empty[e]) = data.Xt.col(point);
                    counts(empty[e]) = 1;
                }
            }
            Matrix next = centers;
            for (Eigen::Index c = 0; c < k; ++c)
                if (counts(c) > 0)
                    next.row(c) = (sums.col(c) / counts(c)).transpose();
            const double shift = (next - centers).squaredNorm();
            centers = std::move(next);
            ++iter;
            if (ctx.observer) {
                // The view the observer sees: this run's centres, in data units.
                m_centers = centers.rowwise() + mean;
                m_fitted = true;
                TrainStep s;
                s.step = ++step;
                s.totalSteps = nInit * maxIter;
                s.trainLoss = inertiaOf(data, centers, labels);
                s.metrics["inertia"] = s.trainLoss;
                s.metrics["run"] = run + 1;
                s.metrics["iteration"] = iter;
                s.metrics["center_shift"] = shift;
                ctx.report(s, *this);
            }
            if (labels == labelsOld) {
                strict = true;
                break;
            }
            if (shift <= tol)
                break;
            labelsOld = labels;
        }
        if (iter == 0)
            break;  // cancelled before the first iteration of this run
        if (!strict)
            assignLabels(data, centers, labels, nullptr, nullptr);  // labels that match the final centres
        const double inertia = inertiaOf(data, centers, labels);
        if (inertia < best.inertia) {
            best.centers = centers;
            best.labels = labels;
            best.inertia = inertia;
            best.nIter = iter;
        }
    }
    if (best.labels.empty()) {
        resetFitted();  // cancelled before any run finished an iteration
        return;
    }
    m_centers = best.centers.rowwise() + mean;
    m_labels.resize(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        m_labels(i) = best.labels[static_cast<std::size_t>(i)];
    m_inertia = best.inertia;
    m_nIter = best.nIter;
    m_fitted = true;
}

void KMeans::requireFitted(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_centers.cols(), typeName());
    requireFiniteFeatures(X, typeName());
}

Vector KMeans::predict(const Matrix& X) const
{
    requireFitted(X);
    Data data;
    data.X = X;
    std::vector<int> labels;
    assignLabels(data, m_centers, labels, nullptr, nullptr);
    Vector out(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        out(i) = labels[static_cast<std::size_t>(i)];
    return out;
}

Matrix KMeans::predictProba(const Matrix&) const
{
    throw Error("KMeans is a clustering model: it gives cluster indices (predict) and distances to the centres "
                "(transform), not class probabilities");
}

Matrix KMeans::transform(const Matrix& X) const
{
    requireFitted(X);
    Matrix out(X.rows(), m_centers.rows());
    for (Eigen::Index c = 0; c < m_centers.rows(); ++c)
        out.col(c) = (X.rowwise() - m_centers.row(c)).rowwise().norm();
    return out;
}

double KMeans::score(const Matrix& X) const
{
    const Matrix d = transform(X);
    return -d.rowwise().minCoeff().squaredNorm();
}

double KMeans::loss(const Matrix& X, const Vector&) const
{
    return -score(X) / static_cast<double>(std::max<Eigen::Index>(1, X.rows()));
}

void KMeans::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["cluster_centers"] = matrixToJson(m_centers);
    out["labels"] = vectorToJson(m_labels);
    out["inertia"] = m_inertia;
    out["n_iter"] = m_nIter;
}

void KMeans::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    resetFitted();
    if (!fittedFlagFromJson(in, owner))
        return;
    const Matrix centers = matrixFromJson(in, "cluster_centers", owner);
    const Vector labels = vectorFromJson(in, "labels", owner);
    const double inertia = numberFromJson(in, "inertia", owner);
    const long long nIter = integerFromJson(in, "n_iter", owner, 0, 1000000000);
    if (centers.rows() == 0 || centers.cols() == 0 || !centers.allFinite())
        throwDamagedState(owner, "'cluster_centers' is empty or not finite");
    for (Eigen::Index i = 0; i < labels.size(); ++i)
        if (!(labels(i) >= 0 && labels(i) < static_cast<double>(centers.rows())) || labels(i) != std::floor(labels(i)))
            throwDamagedState(owner, "'labels' holds a value that is not a cluster index");
    if (!(inertia >= 0))
        throwDamagedState(owner, "'inertia' is negative or not a number");
    m_centers = centers;
    m_labels = labels;
    m_inertia = inertia;
    m_nIter = static_cast<int>(nIter);
    m_fitted = true;
}

}  // namespace dslab
