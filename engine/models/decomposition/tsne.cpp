#include "engine/models/decomposition/tsne.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/models/decomposition/pca.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace dslab {

namespace {

constexpr double kMachineEpsilon = std::numeric_limits<double>::epsilon();  // scikit-learn's MACHINE_EPSILON
constexpr double kPerplexityTolerance = 1e-5;  // _utils.pyx PERPLEXITY_TOLERANCE
constexpr int kBinarySearchSteps = 100;
constexpr int kExplorationIterations = 250;  // _EXPLORATION_N_ITER: early exaggeration and momentum 0.5
constexpr int kConvergenceCheckEvery = 50;   // _N_ITER_CHECK
constexpr int kObservedLossEvery = 10;       // the KL shown to an observer between checks
constexpr double kMinGain = 0.01;
constexpr Eigen::Index kRowsPerTask = 32;

// Rows split into fixed blocks: each task writes only its own rows, so the
// split never changes a result.
void forRowBlocks(Eigen::Index n, int threads, const std::function<void(Eigen::Index, Eigen::Index)>& body)
{
    const auto blocks = static_cast<std::size_t>((n + kRowsPerTask - 1) / kRowsPerTask);
    parallelFor(0, blocks, threads, [&](std::size_t b) {
        const Eigen::Index begin = static_cast<Eigen::Index>(b) * kRowsPerTask;
        body(begin, std::min(n, begin + kRowsPerTask));
    });
}

// The parts of KL(P || Q) that depend on P only: Σ p log p and Σ p over the
// pairs (the diagonal is 0 and left out).
struct PTotals {
    double pLogP = 0;
    double sum = 0;
};

PTotals totalsOf(const Eigen::MatrixXf& Pf)
{
    const Matrix P = Pf.cast<double>();
    PTotals t;
    t.pLogP = (P.array() > 0).select(P.array() * P.array().log(), 0.0).sum();
    t.sum = P.sum();
    return t;
}

// One objective evaluation. P is symmetric with a zero diagonal (scaled by
// `pScale` during early exaggeration). The gradient is
// c·Σⱼ (pᵢⱼ − wᵢⱼ/Z)·wᵢⱼ·(yᵢ − yⱼ) = c·(Aᵢ − Bᵢ/Z) with Aᵢ = Σ p·w·(yᵢ − yⱼ),
// Bᵢ = Σ w²·(yᵢ − yⱼ) and Z = Σ w, so one pass over the pairs gives it, and
// the KL too: Σ p log(p / q) = Σ p log p − Σ p log w + Σ p · log Z. (scikit-
// learn floors q at machine epsilon; that only matters for points ~10⁸
// apart, which never happens here.)
//
// Each pair is computed once: row i visits j > i and adds the pair's terms
// to its own sums and, with the opposite sign of yᵢ − yⱼ, to row j's sums in
// an accumulator of its row block's task. The blocks are fixed and their
// accumulators are added row by row in block order, so the result does not
// depend on how many threads ran the tasks.
//
// P is kept in float, as scikit-learn keeps it (float32): half the memory
// to stream through on every iteration.
double objective(const Eigen::MatrixXf& P, const PTotals& totals, double pScale, const Matrix& Y, Matrix* gradient,
                 bool computeError, int threads)
{
    const Eigen::Index n = Y.rows(), k = Y.cols();
    const double dof = std::max<double>(static_cast<double>(k) - 1.0, 1.0);
    // Accumulator columns: Σ w, Σ p log w, A (k columns), B (k columns).
    const Eigen::Index width = 2 + 2 * k;
    const Eigen::Index blocks = (n + kRowsPerTask - 1) / kRowsPerTask;
    std::vector<Matrix> partial(static_cast<std::size_t>(blocks));
    parallelFor(0, static_cast<std::size_t>(blocks), threads, [&](std::size_t b) {
        const Eigen::Index begin = static_cast<Eigen::Index>(b) * kRowsPerTask;
        const Eigen::Index end = std::min(n, begin + kRowsPerTask);
        Matrix& acc = partial[b];  // rows begin..n−1
        acc = Matrix::Zero(n - begin, width);
        Eigen::ArrayXXd diff(n, k);
        Eigen::ArrayXd d2(n), w(n), p(n), pw(n), w2(n), logW(n);
        for (Eigen::Index i = begin; i < end; ++i) {
            const Eigen::Index first = i + 1, len = n - first;
            if (len == 0)
                continue;
            const Eigen::Index at = first - begin;  // row `first` in acc
            for (Eigen::Index c = 0; c < k; ++c)
                diff.col(c).head(len) = Y(i, c) - Y.col(c).segment(first, len).array();
            d2.head(len) = diff.topRows(len).square().rowwise().sum();
            // Student-t kernel (scikit-learn: (1 + d²/dof)^(−(dof+1)/2)).
            if (dof == 1.0)
                w.head(len) = (1.0 + d2.head(len)).inverse();
            else
                w.head(len) = (1.0 + d2.head(len) / dof).pow(-(dof + 1.0) / 2.0);
            acc(i - begin, 0) += w.head(len).sum();
            acc.col(0).segment(at, len).array() += w.head(len);
            p.head(len) = P.col(i).segment(first, len).cast<double>().array();  // column i = row i (symmetric)
            if (computeError) {
                logW.head(len) = p.head(len) * w.head(len).log();
                acc(i - begin, 1) += logW.head(len).sum();
                acc.col(1).segment(at, len).array() += logW.head(len);
            }
            if (!gradient)
                continue;
            pw.head(len) = p.head(len) * w.head(len);
            w2.head(len) = w.head(len).square();
            for (Eigen::Index c = 0; c < k; ++c) {
                acc(i - begin, 2 + c) += (pw.head(len) * diff.col(c).head(len)).sum();
                acc.col(2 + c).segment(at, len).array() -= pw.head(len) * diff.col(c).head(len);
                acc(i - begin, 2 + k + c) += (w2.head(len) * diff.col(c).head(len)).sum();
                acc.col(2 + k + c).segment(at, len).array() -= w2.head(len) * diff.col(c).head(len);
            }
        }
    });
    // Row r's totals: the partial sums of blocks 0..block(r), in that order.
    Matrix total = Matrix::Zero(n, width);
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index b = 0; b <= r / kRowsPerTask; ++b)
            total.row(r) += partial[static_cast<std::size_t>(b)].row(r - b * kRowsPerTask);
    const double Z = total.col(0).sum();  // Σᵢ≠ⱼ w
    if (gradient) {
        const double c = 2.0 * (dof + 1.0) / dof;
        *gradient = c * (pScale * total.middleCols(2, k) - total.middleCols(2 + k, k) / Z);
    }
    if (!computeError)
        return std::numeric_limits<double>::quiet_NaN();
    const double pLogW = total.col(1).sum();
    return pScale * (totals.pLogP + std::log(pScale) * totals.sum - pLogW + totals.sum * std::log(Z));
}

// N(0, 1) draws by Box-Muller over std::mt19937_64 (specified by the
// standard, unlike std::normal_distribution), so a seed gives the same
// start on every platform.
Matrix standardNormal(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    std::mt19937_64 gen(seed);
    auto uniform = [&] { return (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53; };
    Matrix Z(rows, cols);
    for (Eigen::Index i = 0; i < Z.size(); i += 2) {
        const double r = std::sqrt(-2.0 * std::log(uniform()));
        const double t = 2.0 * 3.14159265358979323846 * uniform();
        Z.data()[i] = r * std::cos(t);
        if (i + 1 < Z.size())
            Z.data()[i + 1] = r * std::sin(t);
    }
    return Z;
}

}  // namespace

// What the observer sees mid-optimisation: no predictions (t-SNE has none),
// only the way back to the TSNE to read its current embedding.
class TSNE::View final : public Predictor {
public:
    explicit View(const TSNE& tsne) : m_tsne(tsne) {}
    bool isClassifier() const override { return false; }
    Vector predict(const Matrix&) const override { throw DataError(noTransformMessage()); }
    Matrix predictProba(const Matrix&) const override { throw DataError(noTransformMessage()); }
    const Component* component() const override { return &m_tsne; }

private:
    const TSNE& m_tsne;
};

const char* TSNE::noTransformMessage()
{
    return "TSNE has no transform: it embeds only the rows it was fitted on (fit_transform). To place new rows, "
           "fit it again on all rows together, or use PCA, which can transform new data";
}

const std::vector<ParamSpec>& TSNE::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        s.push_back(ParamSpec::integer("n_components", 2, 1, 3, "Dimensions of the embedding (2 or 3 to plot)"));
        s.push_back(ParamSpec::floating("perplexity", 30, 0, 1e6,
                                        "Effective number of neighbours each point's Gaussian covers (5-50 "
                                        "typical); must be less than the number of rows")
                        .exclusiveMin());
        s.push_back(ParamSpec::floating("early_exaggeration", 12, 1, 1e6,
                                        "Factor on P for the first 250 iterations: pulls clusters tight so they "
                                        "can move apart"));
        auto rate = ParamSpec::floating("learning_rate", 200, 0, 1e9,
                                        "Step size; None = \"auto\": max(N / early_exaggeration / 4, 50)");
        rate.defaultValue = std::monostate{};
        s.push_back(rate.exclusiveMin().orNone());
        s.push_back(ParamSpec::integer("n_iter", 1000, 250, 1000000,
                                       "Maximum iterations (the first 250 exaggerated); scikit-learn 1.5 calls it "
                                       "max_iter"));
        s.push_back(ParamSpec::integer("n_iter_without_progress", 300, 1, 1000000,
                                       "Stop after this many iterations without a lower KL (checked every 50)"));
        s.push_back(ParamSpec::floating("min_grad_norm", 1e-7, 0, 1e9, "Stop when the gradient norm falls below"));
        s.push_back(ParamSpec::choice("init", "pca", {"pca", "random"},
                                      "pca: the first principal components scaled to standard deviation 1e-4 "
                                      "(stable layouts); random: N(0, 1e-4²) draws"));
        s.push_back(ParamSpec::choice("metric", "euclidean", {"euclidean"},
                                      "Distance in the input space (squared euclidean, as scikit-learn)"));
        auto seed = ParamSpec::integer("random_state", 0, 0, 4'294'967'295LL,
                                       "Seed of the random init (None: the training seed)");
        seed.defaultValue = std::monostate{};
        s.push_back(seed.orNone());
        return s;
    }();
    return specs;
}

void TSNE::resetFitted()
{
    m_fitted = false;
    m_embedding.resize(0, 0);
    m_klDivergence = 0;
    m_learningRate = 0;
    m_nIter = 0;
}

Matrix TSNE::squaredDistances(const Matrix& X)
{
    const Vector norms = X.rowwise().squaredNorm();
    Matrix D = -2.0 * (X * X.transpose());
    D.colwise() += norms;
    D.rowwise() += norms.transpose();
    D = D.cwiseMax(0.0);
    D.diagonal().setZero();
    return D;
}

Matrix TSNE::conditionalProbabilities(const Matrix& sqDistances, double perplexity, int threads)
{
    const Eigen::Index n = sqDistances.rows();
    // scikit-learn searches on float32 distances and stores float32
    // probabilities; doing the same keeps the iteration count of each row's
    // search (and so P) equal to its own.
    const Eigen::MatrixXf D = sqDistances.cast<float>();
    Eigen::MatrixXf condP = Eigen::MatrixXf::Zero(n, n);  // column i = row i's p(j|i)
    const double desiredEntropy = std::log(static_cast<double>(static_cast<float>(perplexity)));
    forRowBlocks(n, threads, [&](Eigen::Index begin, Eigen::Index end) {
        for (Eigen::Index i = begin; i < end; ++i) {
            const float* d = D.col(i).data();  // symmetric
            float* p = condP.col(i).data();
            double beta = 1.0;
            double betaMin = -std::numeric_limits<double>::infinity();
            double betaMax = std::numeric_limits<double>::infinity();
            for (int step = 0; step < kBinarySearchSteps; ++step) {
                double sumP = 0;
                for (Eigen::Index j = 0; j < n; ++j)
                    if (j != i) {
                        p[j] = static_cast<float>(std::exp(-static_cast<double>(d[j]) * beta));
                        sumP += static_cast<double>(p[j]);
                    }
                if (sumP == 0.0)
                    sumP = 1e-8;  // EPSILON_DBL
                double sumDistP = 0;
                for (Eigen::Index j = 0; j < n; ++j) {
                    p[j] = static_cast<float>(static_cast<double>(p[j]) / sumP);
                    sumDistP += static_cast<double>(d[j] * p[j]);  // a float product, as the Cython code
                }
                const double entropyDiff = std::log(sumP) + beta * sumDistP - desiredEntropy;
                if (std::fabs(entropyDiff) <= kPerplexityTolerance)
                    break;
                if (entropyDiff > 0) {  // too flat: sharpen
                    betaMin = beta;
                    beta = betaMax == std::numeric_limits<double>::infinity() ? beta * 2.0 : (beta + betaMax) / 2.0;
                } else {
                    betaMax = beta;
                    beta = betaMin == -std::numeric_limits<double>::infinity() ? beta / 2.0 : (beta + betaMin) / 2.0;
                }
            }
        }
    });
    return condP.transpose().cast<double>();  // row i = p(·|i)
}

Matrix TSNE::jointProbabilities(const Matrix& sqDistances, double perplexity, int threads)
{
    const Matrix cond = conditionalProbabilities(sqDistances, perplexity, threads);
    const Eigen::Index n = cond.rows();
    Matrix P(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            P(i, j) = static_cast<double>(static_cast<float>(cond(i, j) + cond(j, i)));
    const double sum = std::max(P.sum(), kMachineEpsilon);
    P = (P / sum).cwiseMax(kMachineEpsilon);
    P.diagonal().setZero();
    return P;
}

double TSNE::klDivergenceAndGradient(const Matrix& P, const Matrix& Y, Matrix* gradient, int threads)
{
    if (P.rows() != Y.rows() || P.cols() != Y.rows())
        throw DataError("TSNE: P must be N x N for an embedding of N rows");
    const Eigen::MatrixXf Pf = P.cast<float>();
    return objective(Pf, totalsOf(Pf), 1.0, Y, gradient, true, threads);
}

Matrix TSNE::fitTransform(const Matrix& X, TrainContext& ctx)
{
    resetFitted();
    const std::string owner = typeName();
    requireSamples(X, owner, 2);
    requireFiniteFeatures(X, owner);
    const Eigen::Index n = X.rows();
    const auto k = static_cast<Eigen::Index>(paramInt("n_components"));
    const double perplexity = paramDouble("perplexity");
    if (perplexity >= static_cast<double>(n))
        throw ParamError("TSNE: perplexity (" + std::to_string(perplexity) + ") must be less than the number of rows ("
                         + std::to_string(n) + "); lower it or embed more rows");
    const double exaggeration = paramDouble("early_exaggeration");
    const int maxIter = static_cast<int>(paramInt("n_iter"));
    const int withoutProgress = static_cast<int>(paramInt("n_iter_without_progress"));
    const double minGradNorm = paramDouble("min_grad_norm");
    m_learningRate = paramIsNone("learning_rate")
                         ? std::max(static_cast<double>(n) / exaggeration / 4.0, 50.0)
                         : paramDouble("learning_rate");
    const std::uint64_t seed =
        paramIsNone("random_state") ? ctx.seed : static_cast<std::uint64_t>(paramInt("random_state"));
    const int threads = ctx.threads;

    if (!ctx.checkpoint())
        return m_embedding;
    const Eigen::MatrixXf P = jointProbabilities(squaredDistances(X), perplexity, threads).cast<float>();
    const PTotals totals = totalsOf(P);

    Matrix Y;
    if (paramString("init") == "pca") {
        if (k > std::min<Eigen::Index>(n, X.cols()))
            throw ParamError("TSNE: init=\"pca\" needs n_components <= the number of features; use init=\"random\"");
        PCA pca;
        pca.setParam("n_components", static_cast<double>(k));
        TrainContext pcaCtx;
        pcaCtx.threads = threads;
        // float32 as scikit-learn, then PC1 scaled to standard deviation 1e-4
        // (scikit-learn >= 1.2, issue #18018) so the start is as small as a random one.
        Y = pca.fitTransform(X, nullptr, pcaCtx).cast<float>().cast<double>();
        const double sd = std::sqrt((Y.col(0).array() - Y.col(0).mean()).square().mean());
        if (!(sd > 0))
            throw DataError("TSNE: all rows are identical along the first principal component; t-SNE needs rows that "
                            "differ");
        Y = Y / sd * 1e-4;
    } else {
        Y = (1e-4 * standardNormal(n, k, seed)).cast<float>().cast<double>();
    }
    m_embedding = Y;
    m_fitted = true;  // from here on the embedding is usable, even if cancelled
    const View view(*this);

    Matrix grad(n, k);
    bool stopped = false;
    double error = std::numeric_limits<double>::quiet_NaN();
    int lastIter = 0;
    // scikit-learn's _gradient_descent; called once per phase with fresh
    // update and gains, returning the last iteration index.
    auto descend = [&](int first, int end, double momentum, double pScale, int patience) {
        Matrix update = Matrix::Zero(n, k);
        Matrix gains = Matrix::Ones(n, k);
        double bestError = std::numeric_limits<double>::max();
        int bestIter = first;
        int i = first;
        for (; i < end; ++i) {
            if (!ctx.checkpoint()) {
                stopped = true;
                break;
            }
            const bool check = (i + 1) % kConvergenceCheckEvery == 0;
            const bool computeError = check || i == end - 1 || (ctx.observer && (i + 1) % kObservedLossEvery == 0);
            error = objective(P, totals, pScale, m_embedding, &grad, computeError, threads);
            if (!grad.allFinite())
                throw DivergenceError("TSNE: the gradient became non-finite at iteration " + std::to_string(i + 1)
                                      + "; lower learning_rate");
            for (Eigen::Index e = 0; e < grad.size(); ++e) {
                double& g = gains.data()[e];
                g = update.data()[e] * grad.data()[e] < 0.0 ? g + 0.2 : g * 0.8;
                g = std::max(g, kMinGain);
            }
            grad = grad.cwiseProduct(gains);
            update = momentum * update - m_learningRate * grad;
            m_embedding += update;
            lastIter = i;

            bool converged = false;
            if (check) {
                if (error < bestError) {
                    bestError = error;
                    bestIter = i;
                } else if (i - bestIter > patience) {
                    converged = true;
                }
                if (grad.norm() <= minGradNorm)
                    converged = true;
            }
            TrainStep step;
            step.step = i + 1;
            step.totalSteps = maxIter;
            step.trainLoss = computeError ? error : std::numeric_limits<double>::quiet_NaN();
            step.metrics["exaggeration"] = pScale;
            ctx.report(step, view);
            if (converged)
                break;
        }
        return std::min(i, end - 1);
    };

    int it = descend(0, kExplorationIterations, 0.5, exaggeration, kExplorationIterations);
    if (!stopped && (it < kExplorationIterations || maxIter - kExplorationIterations > 0))
        it = descend(it + 1, maxIter, 0.8, 1.0, withoutProgress);
    if (stopped || std::isnan(error))  // cancelled between checks: measure where it got to
        error = objective(P, totals, 1.0, m_embedding, nullptr, true, threads);
    m_klDivergence = error;
    m_nIter = std::max(it, lastIter);
    return m_embedding;
}

void TSNE::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["embedding"] = matrixToJson(m_embedding);
    out["kl_divergence"] = m_klDivergence;
    out["learning_rate"] = m_learningRate;
    out["n_iter"] = m_nIter;
}

void TSNE::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    resetFitted();
    if (!fittedFlagFromJson(in, owner))
        return;
    const Matrix embedding = matrixFromJson(in, "embedding", owner);
    const double kl = numberFromJson(in, "kl_divergence", owner);
    const double rate = numberFromJson(in, "learning_rate", owner);
    const double iters = numberFromJson(in, "n_iter", owner);
    if (embedding.size() == 0 || !embedding.allFinite() || !std::isfinite(kl) || iters < 0)
        throwDamagedState(owner, "the embedding or the KL divergence is empty or invalid");
    m_embedding = embedding;
    m_klDivergence = kl;
    m_learningRate = rate;
    m_nIter = static_cast<int>(iters);
    m_fitted = true;
}

}  // namespace dslab
