#include "engine/models/svm/svc.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/random_streams.h"
#include "engine/models/other/state_json.h"
#include "engine/models/svm/smo_solver.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

constexpr int kSmoIterationsPerStep = 100;  // one reported training step
constexpr Eigen::Index kPredictBlock = 2048;  // rows per kernel block when predicting

double sigmoidPredict(double decision, double A, double B)
{
    const double fApB = decision * A + B;
    // Both branches are the same function; each avoids overflow on its side.
    return fApB >= 0 ? std::exp(-fApB) / (1.0 + std::exp(-fApB)) : 1.0 / (1.0 + std::exp(fApB));
}

// Platt's sigmoid fit P(y=+1|f) = 1/(1+exp(A f + B)) by Newton's method with
// a backtracking line search, with the regularized targets of Lin, Lin &
// Weng (2007), as libsvm's sigmoid_train.
void sigmoidTrain(const std::vector<double>& dec, const std::vector<signed char>& labels, double& A, double& B)
{
    const std::size_t l = dec.size();
    double prior1 = 0, prior0 = 0;
    for (signed char v : labels)
        (v > 0 ? prior1 : prior0) += 1;
    const int maxIter = 100;
    const double minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
    const double hiTarget = (prior1 + 1.0) / (prior1 + 2.0), loTarget = 1 / (prior0 + 2.0);
    std::vector<double> t(l);
    A = 0.0;
    B = std::log((prior0 + 1.0) / (prior1 + 1.0));
    auto objective = [&](double a, double b) {
        double f = 0;
        for (std::size_t i = 0; i < l; ++i) {
            const double fApB = dec[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + std::log1p(std::exp(-fApB)) : (t[i] - 1) * fApB + std::log1p(std::exp(fApB));
        }
        return f;
    };
    for (std::size_t i = 0; i < l; ++i)
        t[i] = labels[i] > 0 ? hiTarget : loTarget;
    double fval = objective(A, B);
    for (int iter = 0; iter < maxIter; ++iter) {
        double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
        for (std::size_t i = 0; i < l; ++i) {
            const double fApB = dec[i] * A + B;
            double p, q;
            if (fApB >= 0) {
                p = std::exp(-fApB) / (1.0 + std::exp(-fApB));
                q = 1.0 / (1.0 + std::exp(-fApB));
            } else {
                p = 1.0 / (1.0 + std::exp(fApB));
                q = std::exp(fApB) / (1.0 + std::exp(fApB));
            }
            const double d2 = p * q;
            h11 += dec[i] * dec[i] * d2;
            h22 += d2;
            h21 += dec[i] * d2;
            const double d1 = t[i] - p;
            g1 += dec[i] * d1;
            g2 += d1;
        }
        if (std::abs(g1) < eps && std::abs(g2) < eps)
            break;
        const double det = h11 * h22 - h21 * h21;
        const double dA = -(h22 * g1 - h21 * g2) / det;
        const double dB = -(-h21 * g1 + h11 * g2) / det;
        const double gd = g1 * dA + g2 * dB;
        double step = 1;
        while (step >= minStep) {
            const double newA = A + step * dA, newB = B + step * dB;
            const double newf = objective(newA, newB);
            if (newf < fval + 0.0001 * step * gd) {
                A = newA;
                B = newB;
                fval = newf;
                break;
            }
            step /= 2.0;
        }
        if (step < minStep)
            break;  // line search failed: keep the last good (A, B), as libsvm does
    }
}

// Pairwise coupling (Wu, Lin & Weng 2004, method 2), libsvm's multiclass_probability.
void multiclassProbability(int k, const Matrix& r, double* p)
{
    const int maxIter = std::max(100, k);
    const double eps = 0.005 / k;
    Matrix Q(k, k);
    Vector Qp(k);
    for (int t = 0; t < k; ++t) {
        p[t] = 1.0 / k;
        Q(t, t) = 0;
        for (int j = 0; j < t; ++j) {
            Q(t, t) += r(j, t) * r(j, t);
            Q(t, j) = Q(j, t);
        }
        for (int j = t + 1; j < k; ++j) {
            Q(t, t) += r(j, t) * r(j, t);
            Q(t, j) = -r(j, t) * r(t, j);
        }
    }
    for (int iter = 0; iter < maxIter; ++iter) {
        double pQp = 0;
        for (int t = 0; t < k; ++t) {
            Qp(t) = 0;
            for (int j = 0; j < k; ++j)
                Qp(t) += Q(t, j) * p[j];
            pQp += p[t] * Qp(t);
        }
        double maxError = 0;
        for (int t = 0; t < k; ++t)
            maxError = std::max(maxError, std::abs(Qp(t) - pQp));
        if (maxError < eps)
            break;
        for (int t = 0; t < k; ++t) {
            const double diff = (-Qp(t) + pQp) / Q(t, t);
            p[t] += diff;
            pQp = (pQp + diff * (diff * Q(t, t) + 2 * Qp(t))) / (1 + diff) / (1 + diff);
            for (int j = 0; j < k; ++j) {
                Qp(j) = (Qp(j) + diff * Q(t, j)) / (1 + diff);
                p[j] /= (1 + diff);
            }
        }
    }
}

Matrix gatherRows(const Matrix& X, const std::vector<Eigen::Index>& rows)
{
    Matrix out(static_cast<Eigen::Index>(rows.size()), X.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = X.row(rows[i]);
    return out;
}

// Decision values Σ αᵢyᵢK(xᵢ, x) − ρ of one binary solution on the rows of Xeval.
Vector binaryDecision(const SvmKernel& kernel, const Matrix& Xtrain, const std::vector<signed char>& y,
                      const SmoResult& solution, const Matrix& Xeval)
{
    std::vector<Eigen::Index> sv;
    for (std::size_t i = 0; i < solution.alpha.size(); ++i)
        if (solution.alpha[i] > 0)
            sv.push_back(static_cast<Eigen::Index>(i));
    Vector coef(static_cast<Eigen::Index>(sv.size()));
    for (std::size_t s = 0; s < sv.size(); ++s)
        coef(static_cast<Eigen::Index>(s)) = y[static_cast<std::size_t>(sv[s])] * solution.alpha[static_cast<std::size_t>(sv[s])];
    if (sv.empty())
        return Vector::Constant(Xeval.rows(), -solution.rho);
    return (kernel.matrix(Xeval, gatherRows(Xtrain, sv)) * coef).array() - solution.rho;
}

// libsvm's svm_binary_svc_probability: decision values of a 5-fold
// cross-validation on the pair's samples, then Platt's sigmoid fitted to them
// (fitting it on training decision values would be overconfident). Returns
// false when training is cancelled meanwhile; the folds are silent steps.
bool fitPlattSigmoid(const SvmKernel& kernel, const Matrix& Xsub, const std::vector<signed char>& y, double Cp,
                     double Cn, const SmoOptions& options, std::uint64_t seed, const TrainContext& ctx, double& A,
                     double& B)
{
    const std::size_t l = y.size();
    SeededRandom rng(seed);
    std::vector<std::size_t> perm(l);
    for (std::size_t i = 0; i < l; ++i)
        perm[i] = i;
    for (std::size_t i = 0; i < l; ++i)
        std::swap(perm[i], perm[i + rng.below(l - i)]);
    std::vector<double> dec(l, 0.0);
    const std::size_t folds = 5;
    for (std::size_t f = 0; f < folds; ++f) {
        const std::size_t begin = f * l / folds, end = (f + 1) * l / folds;
        std::vector<Eigen::Index> trainIdx, testIdx;
        std::vector<signed char> ytrain;
        int pos = 0, neg = 0;
        for (std::size_t t = 0; t < l; ++t) {
            if (t >= begin && t < end) {
                testIdx.push_back(static_cast<Eigen::Index>(perm[t]));
            } else {
                trainIdx.push_back(static_cast<Eigen::Index>(perm[t]));
                ytrain.push_back(y[perm[t]]);
                (ytrain.back() > 0 ? pos : neg) += 1;
            }
        }
        Vector foldDec;
        if (pos > 0 && neg > 0) {
            const Matrix Xtr = gatherRows(Xsub, trainIdx);
            const SmoResult sub = solveSmo(kernel, Xtr.transpose(), ytrain, Cp, Cn, options,
                                           [&](const SmoProgress&) { return !ctx.cancelled(); });
            if (sub.stopped)
                return false;
            foldDec = binaryDecision(kernel, Xtr, ytrain, sub, gatherRows(Xsub, testIdx));
        } else {
            // One class only in the training folds: libsvm's fixed answers.
            foldDec = Vector::Constant(static_cast<Eigen::Index>(testIdx.size()), pos > 0 ? 1.0 : neg > 0 ? -1.0 : 0.0);
        }
        for (std::size_t t = 0; t < testIdx.size(); ++t)
            dec[static_cast<std::size_t>(testIdx[t])] = foldDec(static_cast<Eigen::Index>(t));
    }
    sigmoidTrain(dec, y, A, B);
    return true;
}

}  // namespace

struct SVC::PairSolution {
    int first = 0, second = 0;                // class codes: first is +1
    std::vector<Eigen::Index> rows;           // training rows of the subproblem
    std::vector<double> alpha;                // empty until solved (or while untouched)
    std::vector<signed char> y;
    double rho = 0;
};

const std::vector<ParamSpec>& SVC::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        s.push_back(ParamSpec::floating("C", 1.0, 0.0, 1e6,
                                        "Penalty on margin violations: large C fits the training data tightly "
                                        "(narrow margin), small C allows more violations (wider margin)")
                        .exclusiveMin()
                        .logarithmic());
        s.push_back(ParamSpec::choice("kernel", "rbf", {"linear", "poly", "rbf", "sigmoid"},
                                      "Similarity between samples: linear = dot product, rbf = exp(−gamma·|x−x'|²), "
                                      "poly = (gamma·x·x' + coef0)^degree"));
        s.push_back(ParamSpec::integer("degree", 3, 0, 20, "Degree of the poly kernel"));
        ParamSpec gamma = ParamSpec::floating("gamma", 1.0, 0.0, 1e6,
                                              "Kernel width for rbf, poly and sigmoid: large gamma = very local, "
                                              "wiggly boundaries. None = 'scale' = 1/(n_features·X.var()), "
                                              "scikit-learn's default");
        gamma.defaultValue = std::monostate{};
        s.push_back(gamma.exclusiveMin().logarithmic().orNone());
        s.push_back(ParamSpec::floating("coef0", 0.0, -1e6, 1e6, "Constant term of the poly and sigmoid kernels"));
        s.push_back(ParamSpec::boolean("shrinking", true,
                                       "Temporarily drop variables stuck at a bound during SMO (faster, same result)"));
        s.push_back(ParamSpec::boolean("probability", false,
                                       "Fit Platt scaling by 5-fold cross-validation so predict_proba works "
                                       "(about 5x slower training)"));
        s.push_back(ParamSpec::floating("tol", 1e-3, 0.0, 1.0,
                                        "Stop SMO when the largest KKT violation falls below tol")
                        .exclusiveMin()
                        .logarithmic());
        s.push_back(ParamSpec::floating("cache_size", 200.0, 1.0, 1e6, "Kernel cache in megabytes").logarithmic());
        ParamSpec weight = ParamSpec::choice("class_weight", "balanced", {"balanced"},
                                             "None: every class has penalty C; balanced: C times n_samples / "
                                             "(n_classes · class count), so rare classes weigh more");
        weight.defaultValue = std::monostate{};
        s.push_back(weight.orNone());
        s.push_back(ParamSpec::integer("max_iter", -1, -1, 1000000000000LL,
                                       "Cap on SMO iterations per binary problem (-1 = no cap)"));
        s.push_back(ParamSpec::choice("decision_function_shape", "ovr", {"ovr", "ovo"},
                                      "Shape of decision_function with 3+ classes: one column per class (ovr) or "
                                      "per pair of classes (ovo); training is one-vs-one either way"));
        s.push_back(ParamSpec::boolean("break_ties", false,
                                       "With 3+ classes, predict the argmax of the ovr decision function instead of "
                                       "the one-vs-one vote"));
        return s;
    }();
    return specs;
}

void SVC::resetFitted()
{
    m_fitted = false;
    m_classes.clear();
    m_support.clear();
    m_supportVectors.resize(0, 0);
    m_nSupport.clear();
    m_dualCoef.resize(0, 0);
    m_rho.resize(0);
    m_probA.resize(0);
    m_probB.resize(0);
    m_nIter.clear();
    m_converged = false;
    m_nFeatures = 0;
}

void SVC::assemble(const std::vector<PairSolution>& pairs, const std::vector<int>& codes, const Matrix& X)
{
    const auto n = static_cast<std::size_t>(X.rows());
    const auto K = static_cast<int>(m_classes.size());
    std::vector<unsigned char> nonzero(n, 0);
    for (const auto& pr : pairs)
        for (std::size_t k = 0; k < pr.alpha.size(); ++k)
            if (pr.alpha[k] > 0)
                nonzero[static_cast<std::size_t>(pr.rows[k])] = 1;
    // libsvm's order: support vectors grouped by class, in row order within a class.
    std::vector<Eigen::Index> position(n, -1);
    m_support.clear();
    m_nSupport.assign(static_cast<std::size_t>(K), 0);
    for (int c = 0; c < K; ++c)
        for (std::size_t i = 0; i < n; ++i)
            if (codes[i] == c && nonzero[i]) {
                position[i] = static_cast<Eigen::Index>(m_support.size());
                m_support.push_back(static_cast<Eigen::Index>(i));
                ++m_nSupport[static_cast<std::size_t>(c)];
            }
    m_supportVectors = gatherRows(X, m_support);
    m_dualCoef = Matrix::Zero(static_cast<Eigen::Index>(m_support.size()), static_cast<Eigen::Index>(pairs.size()));
    m_rho.resize(static_cast<Eigen::Index>(pairs.size()));
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const auto& pr = pairs[p];
        m_rho(static_cast<Eigen::Index>(p)) = pr.rho;
        for (std::size_t k = 0; k < pr.alpha.size(); ++k)
            if (pr.alpha[k] > 0)
                m_dualCoef(position[static_cast<std::size_t>(pr.rows[k])], static_cast<Eigen::Index>(p)) =
                    pr.y[k] * pr.alpha[k];
    }
}

void SVC::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    resetFitted();
    const std::string owner = typeName();
    requireSamples(X, owner, 2);
    requireMatchingTarget(X, y, owner);
    requireFiniteFeatures(X, owner);
    std::vector<double> classes = sortedClasses(y);
    if (classes.size() < 2)
        throw DataError("SVC needs at least two classes in y, but all " + std::to_string(y.size())
                        + " training samples have the same class; check the target column or the split");
    const std::vector<int> codes = encodeClasses(y, classes);
    const auto K = static_cast<int>(classes.size());
    const auto n = static_cast<std::size_t>(X.rows());

    SvmKernel kernel;
    kernel.type = svmKernelFromName(paramString("kernel"));
    kernel.coef0 = paramDouble("coef0");
    kernel.degree = static_cast<int>(paramInt("degree"));
    if (paramIsNone("gamma")) {
        // scikit-learn's gamma="scale": the variance of all entries of X.
        const double var = (X.array() - X.mean()).square().mean();
        kernel.gamma = var != 0 ? 1.0 / (static_cast<double>(X.cols()) * var) : 1.0;
    } else {
        kernel.gamma = paramDouble("gamma");
    }
    const double C = paramDouble("C");
    const bool probability = paramBool("probability");
    SmoOptions options;
    options.tol = paramDouble("tol");
    options.shrinking = paramBool("shrinking");
    options.maxIter = paramInt("max_iter");
    options.cacheMegabytes = paramDouble("cache_size");
    options.progressEvery = kSmoIterationsPerStep;

    std::vector<std::vector<Eigen::Index>> classRows(static_cast<std::size_t>(K));
    for (std::size_t i = 0; i < n; ++i)
        classRows[static_cast<std::size_t>(codes[i])].push_back(static_cast<Eigen::Index>(i));
    std::vector<double> weightedC(static_cast<std::size_t>(K), C);
    if (!paramIsNone("class_weight"))
        for (int c = 0; c < K; ++c)
            weightedC[static_cast<std::size_t>(c)] =
                C * static_cast<double>(n) / (K * static_cast<double>(classRows[static_cast<std::size_t>(c)].size()));

    std::vector<PairSolution> pairs;
    for (int i = 0; i < K; ++i)
        for (int j = i + 1; j < K; ++j) {
            PairSolution pr;
            pr.first = i;
            pr.second = j;
            for (int c : {i, j})
                for (Eigen::Index r : classRows[static_cast<std::size_t>(c)]) {
                    pr.rows.push_back(r);
                    pr.y.push_back(c == i ? 1 : -1);
                }
            pairs.push_back(std::move(pr));
        }
    const auto nPairs = static_cast<Eigen::Index>(pairs.size());

    // The model is usable (as a const view for the observer) from the first
    // report on: unsolved pairs have no support vectors and ρ = 0.
    m_kernel = kernel;
    m_classes = classes;
    m_nFeatures = X.cols();
    m_nIter.assign(pairs.size(), 0);
    if (probability) {
        m_probA = Vector::Zero(nPairs);
        m_probB = Vector::Zero(nPairs);
    }

    int step = 0;
    long long totalIterations = 0;
    bool stopped = !ctx.checkpoint();
    bool converged = true;
    auto report = [&](std::size_t p, double objective, double violation, long long pairIterations) {
        if (!ctx.observer)
            return;
        assemble(pairs, codes, X);
        m_fitted = true;
        TrainStep s;
        s.step = ++step;
        s.trainLoss = objective;
        s.metrics["dual_objective"] = objective;
        s.metrics["kkt_violation"] = violation;
        s.metrics["smo_iterations"] = static_cast<double>(totalIterations + pairIterations);
        s.metrics["pair"] = static_cast<double>(p + 1);
        s.metrics["pairs"] = static_cast<double>(pairs.size());
        s.metrics["support_vectors"] = static_cast<double>(m_support.size());
        ctx.report(s, *this);
    };

    try {
        for (std::size_t p = 0; p < pairs.size() && !stopped; ++p) {
            PairSolution& pr = pairs[p];
            const Matrix Xsub = gatherRows(X, pr.rows);
            const Matrix XsubT = Xsub.transpose();
            const double Cp = weightedC[static_cast<std::size_t>(pr.first)];
            const double Cn = weightedC[static_cast<std::size_t>(pr.second)];

            if (probability) {
                double A = 0, B = 0;
                if (!fitPlattSigmoid(kernel, Xsub, pr.y, Cp, Cn, options, streamSeed(ctx.seed, p), ctx, A, B)) {
                    stopped = true;
                    break;
                }
                m_probA(static_cast<Eigen::Index>(p)) = A;
                m_probB(static_cast<Eigen::Index>(p)) = B;
            }

            SmoResult result = solveSmo(kernel, XsubT, pr.y, Cp, Cn, options, [&](const SmoProgress& progress) {
                if (ctx.observer) {
                    pr.alpha = *progress.alpha;
                    pr.rho = progress.rho;
                    report(p, progress.objective, progress.kktViolation, progress.iterations);
                }
                return ctx.checkpoint();
            });
            pr.alpha = std::move(result.alpha);
            pr.rho = result.rho;
            m_nIter[p] = result.iterations;
            totalIterations += result.iterations;
            converged = converged && result.converged;
            if (result.stopped) {
                stopped = true;
                break;
            }
            report(p, result.objective, result.kktViolation, 0);
            if (p + 1 < pairs.size() && !ctx.checkpoint())
                stopped = true;
        }
    } catch (...) {
        resetFitted();
        throw;
    }
    const bool anySolved = std::any_of(pairs.begin(), pairs.end(), [](const PairSolution& pr) { return !pr.alpha.empty(); });
    if (stopped && !anySolved) {
        resetFitted();  // cancelled before anything was learned
        return;
    }
    if (stopped && probability) {
        // Some pairs have no calibrated sigmoid: better no probabilities than wrong ones.
        m_probA.resize(0);
        m_probB.resize(0);
    }
    assemble(pairs, codes, X);
    m_converged = converged && !stopped;
    m_fitted = true;
}

Matrix SVC::pairwiseDecision(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_nFeatures, typeName());
    requireFiniteFeatures(X, typeName());
    Matrix dec(X.rows(), m_rho.size());
    // Blocks keep the kernel matrix small on large prediction grids.
    for (Eigen::Index r0 = 0; r0 < X.rows(); r0 += kPredictBlock) {
        const Eigen::Index rows = std::min(kPredictBlock, X.rows() - r0);
        if (m_supportVectors.rows() == 0) {
            dec.middleRows(r0, rows).rowwise() = -m_rho.transpose();
            continue;
        }
        const Matrix Kb = m_kernel.matrix(X.middleRows(r0, rows), m_supportVectors);
        dec.middleRows(r0, rows).noalias() = Kb * m_dualCoef;
        dec.middleRows(r0, rows).rowwise() -= m_rho.transpose();
    }
    return dec;
}

Matrix SVC::decisionFunction(const Matrix& X) const
{
    const Matrix dec = pairwiseDecision(X);
    const auto K = static_cast<int>(m_classes.size());
    if (K == 2)
        return -dec;  // scikit-learn: positive means the second class
    if (paramString("decision_function_shape") == "ovo")
        return dec;
    // scikit-learn's _ovr_decision_function: votes plus confidences squashed
    // into (-1/3, 1/3) so they only break ties between equal vote counts.
    Matrix votes = Matrix::Zero(X.rows(), K);
    Matrix confidence = Matrix::Zero(X.rows(), K);
    Eigen::Index p = 0;
    for (int i = 0; i < K; ++i)
        for (int j = i + 1; j < K; ++j, ++p)
            for (Eigen::Index r = 0; r < X.rows(); ++r) {
                confidence(r, i) += dec(r, p);
                confidence(r, j) -= dec(r, p);
                votes(r, dec(r, p) < 0 ? j : i) += 1;
            }
    return votes + (confidence.array() / (3 * (confidence.array().abs() + 1))).matrix();
}

Vector SVC::predict(const Matrix& X) const
{
    const auto K = static_cast<int>(m_classes.size());
    Vector out(X.rows());
    if (K > 2 && paramBool("break_ties") && paramString("decision_function_shape") == "ovr") {
        const Matrix ovr = decisionFunction(X);
        for (Eigen::Index r = 0; r < X.rows(); ++r) {
            Eigen::Index best = 0;
            ovr.row(r).maxCoeff(&best);
            out(r) = m_classes[static_cast<std::size_t>(best)];
        }
        return out;
    }
    const Matrix dec = pairwiseDecision(X);
    std::vector<int> votes(static_cast<std::size_t>(K));
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
        std::fill(votes.begin(), votes.end(), 0);
        Eigen::Index p = 0;
        for (int i = 0; i < K; ++i)
            for (int j = i + 1; j < K; ++j, ++p)
                ++votes[static_cast<std::size_t>(dec(r, p) > 0 ? i : j)];
        // First maximum: ties go to the smallest class, as in libsvm.
        const auto best = std::max_element(votes.begin(), votes.end()) - votes.begin();
        out(r) = m_classes[static_cast<std::size_t>(best)];
    }
    return out;
}

Matrix SVC::predictProba(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    if (!hasProbability()) {
        if (paramBool("probability"))
            throw ParamError("SVC has no probability estimates: training stopped before Platt scaling finished; "
                             "train again to the end");
        throw ParamError("SVC: predict_proba needs probability=true when training (Platt scaling by 5-fold "
                         "cross-validation); set probability to true and train again, or use decision_function");
    }
    const Matrix dec = pairwiseDecision(X);
    const auto K = static_cast<int>(m_classes.size());
    const double minProb = 1e-7;
    Matrix proba(X.rows(), K);
    Matrix r(K, K);
    Vector p(K);
    for (Eigen::Index row = 0; row < X.rows(); ++row) {
        Eigen::Index k = 0;
        for (int i = 0; i < K; ++i)
            for (int j = i + 1; j < K; ++j, ++k) {
                r(i, j) = std::clamp(sigmoidPredict(dec(row, k), m_probA(k), m_probB(k)), minProb, 1 - minProb);
                r(j, i) = 1 - r(i, j);
            }
        if (K == 2) {
            proba(row, 0) = r(0, 1);
            proba(row, 1) = r(1, 0);
        } else {
            multiclassProbability(K, r, p.data());
            proba.row(row) = p.transpose();
        }
    }
    return proba;
}

double SVC::loss(const Matrix& X, const Vector& y) const
{
    if (hasProbability())
        return Estimator::loss(X, y);
    const Matrix dec = pairwiseDecision(X);
    const auto K = static_cast<int>(m_classes.size());
    double total = 0;
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
        const auto it = std::lower_bound(m_classes.begin(), m_classes.end(), y(r));
        if (it == m_classes.end() || *it != y(r)) {
            total += 1;  // a class never seen in training: every pair is wrong
            continue;
        }
        const auto c = static_cast<int>(it - m_classes.begin());
        double sum = 0;
        Eigen::Index p = 0;
        for (int i = 0; i < K; ++i)
            for (int j = i + 1; j < K; ++j, ++p)
                if (i == c || j == c)
                    sum += std::max(0.0, 1.0 - (i == c ? 1.0 : -1.0) * dec(r, p));
        total += sum / (K - 1);
    }
    return total / static_cast<double>(std::max<Eigen::Index>(1, X.rows()));
}

Vector SVC::intercept() const
{
    // scikit-learn stores −ρ, and flips the sign for two classes.
    return m_classes.size() == 2 ? Vector(m_rho) : Vector(-m_rho);
}

void SVC::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["classes"] = m_classes;
    out["n_features_in"] = m_nFeatures;
    out["kernel"] = svmKernelName(m_kernel.type);
    out["gamma"] = m_kernel.gamma;
    out["coef0"] = m_kernel.coef0;
    out["degree"] = m_kernel.degree;
    out["support"] = m_support;
    out["n_support"] = m_nSupport;
    out["support_vectors"] = matrixToJson(m_supportVectors);
    out["dual_coef"] = matrixToJson(m_dualCoef);
    out["rho"] = vectorToJson(m_rho);
    out["prob_a"] = vectorToJson(m_probA);
    out["prob_b"] = vectorToJson(m_probB);
    out["n_iter"] = m_nIter;
    out["converged"] = m_converged;
}

void SVC::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    resetFitted();
    if (!fittedFlagFromJson(in, owner))
        return;
    try {
        const std::vector<double> classes = doublesFromJson(in, "classes", owner);
        if (classes.size() < 2 || !std::is_sorted(classes.begin(), classes.end())
            || std::adjacent_find(classes.begin(), classes.end()) != classes.end())
            throwDamagedState(owner, "'classes' must hold at least two distinct sorted labels");
        const auto K = static_cast<Eigen::Index>(classes.size());
        const Eigen::Index nPairs = K * (K - 1) / 2;
        const auto d = static_cast<Eigen::Index>(integerFromJson(in, "n_features_in", owner, 1, 100000000));
        SvmKernel kernel;
        try {
            kernel.type = svmKernelFromName(stringFromJson(in, "kernel", owner));
        } catch (const ParamError&) {
            throwDamagedState(owner, "unknown kernel");
        }
        kernel.gamma = numberFromJson(in, "gamma", owner);
        kernel.coef0 = numberFromJson(in, "coef0", owner);
        kernel.degree = static_cast<int>(integerFromJson(in, "degree", owner, 0, 1000));
        const Matrix sv = matrixFromJson(in, "support_vectors", owner, -1, d);
        const Matrix dual = matrixFromJson(in, "dual_coef", owner, sv.rows(), nPairs);
        const Vector rho = vectorFromJson(in, "rho", owner, nPairs);
        const Vector probA = vectorFromJson(in, "prob_a", owner);
        const Vector probB = vectorFromJson(in, "prob_b", owner, probA.size());
        if (probA.size() != 0 && probA.size() != nPairs)
            throwDamagedState(owner, "'prob_a' has the wrong size");
        const auto support = in.at("support").get<std::vector<Eigen::Index>>();
        const auto nSupport = in.at("n_support").get<std::vector<int>>();
        const auto nIter = in.at("n_iter").get<std::vector<long long>>();
        if (static_cast<Eigen::Index>(support.size()) != sv.rows() || static_cast<Eigen::Index>(nSupport.size()) != K
            || static_cast<Eigen::Index>(nIter.size()) != nPairs)
            throwDamagedState(owner, "support vector counts do not match");
        long long total = 0;
        for (int c : nSupport) {
            if (c < 0)
                throwDamagedState(owner, "negative support vector count");
            total += c;
        }
        if (total != sv.rows() || !sv.allFinite() || !dual.allFinite() || !rho.allFinite() || !(kernel.gamma > 0))
            throwDamagedState(owner, "support vectors or coefficients are inconsistent");
        m_classes = classes;
        m_nFeatures = d;
        m_kernel = kernel;
        m_supportVectors = sv;
        m_dualCoef = dual;
        m_rho = rho;
        m_probA = probA;
        m_probB = probB;
        m_support = support;
        m_nSupport = nSupport;
        m_nIter = nIter;
        m_converged = booleanFromJson(in, "converged", owner);
        m_fitted = true;
    } catch (const nlohmann::json::exception& e) {
        resetFitted();
        throwDamagedState(owner, e.what());
    } catch (...) {
        resetFitted();
        throw;
    }
}

}  // namespace dslab
