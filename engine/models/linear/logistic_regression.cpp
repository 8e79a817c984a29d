#include "engine/models/linear/logistic_regression.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/models/linear/logistic_loss.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/optim/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <sstream>

namespace dslab {

namespace {

const char* const kOwner = "LogisticRegression";

enum class Penalty { L2, L1, ElasticNet, None };

std::string formatNumber(double v, int digits = 6)
{
    std::ostringstream os;
    os.precision(digits);
    os << v;
    return os.str();
}

// Largest of 1, 2, 5 times a power of ten not above v: a learning rate a person would type.
double roundDownNicely(double v)
{
    if (!(v > 0) || !std::isfinite(v))
        return v;
    const double decade = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * decade <= v * (1 + 1e-12))
            return m * decade;
    return decade;
}

void softThreshold(Matrix& W, double threshold)
{
    W = (W.array().sign() * (W.array().abs() - threshold).max(0.0)).matrix();
}

}  // namespace

// Everything the solvers share for one fit. Not copyable: `loss` keeps
// references to codes and weights.
struct LogisticRegression::Problem {
    // sparse: the features when they are sparse (then data is empty and only lbfgs runs).
    Problem(const Matrix& data, const SparseMatrix* sparse, const Vector& y, const std::vector<double>& classList,
            const LogisticRegression& model)
        : X(data)
        , sparseX(sparse)
        , nRows(sparse ? sparse->rows() : data.rows())
        , nFeatures(sparse ? sparse->cols() : data.cols())
    {
        const std::vector<int> encoded = encodeClasses(y, classList);
        codes = Eigen::Map<const Eigen::VectorXi>(encoded.data(), static_cast<Eigen::Index>(encoded.size()));
        classes = static_cast<int>(classList.size());
        columns = classes == 2 ? 1 : classes;
        fitIntercept = model.paramBool("fit_intercept");
        C = model.paramDouble("C");
        l1Ratio = model.paramDouble("l1_ratio");
        learningRate = model.paramDouble("learning_rate");
        tol = model.paramDouble("tol");
        maxIter = static_cast<int>(model.paramInt("max_iter"));
        batchSize = static_cast<int>(model.paramInt("batch_size"));
        solver = model.paramString("solver");
        const std::string p = model.paramIsNone("penalty") ? "none" : model.paramString("penalty");
        penalty = p == "l1" ? Penalty::L1 : p == "elasticnet" ? Penalty::ElasticNet : p == "none" ? Penalty::None
                                                                                             : Penalty::L2;
        if (solver == "lbfgs" && (penalty == Penalty::L1 || penalty == Penalty::ElasticNet))
            throw ParamError(std::string(kOwner) + ": solver 'lbfgs' supports only penalty 'l2' or 'none'; use solver 'saga' for penalty '"
                             + p + "' (or 'gd' / 'sgd' to watch it train step by step)");

        // class_weight="balanced": w_k = n / (K * n_k), as scikit-learn's compute_class_weight.
        if (sparse && solver != "lbfgs")
            throw ParamError(std::string(kOwner) + ": sparse features (a text vectorizer's output) need solver 'lbfgs'; "
                             "solver '" + solver + "' works on dense features only");
        weights = Vector::Ones(nRows);
        const bool balanced = !model.paramIsNone("class_weight") && model.paramString("class_weight") == "balanced";
        if (balanced) {
            Vector counts = Vector::Zero(classes);
            for (Eigen::Index i = 0; i < codes.size(); ++i)
                counts(codes(i)) += 1;
            for (Eigen::Index i = 0; i < codes.size(); ++i)
                weights(i) = static_cast<double>(nRows) / (classes * counts(codes(i)));
        }
        weightSum = weights.sum();
        l2Weight = penalty == Penalty::L2 ? 1.0 : penalty == Penalty::ElasticNet ? 1.0 - l1Ratio : 0.0;
        l1Weight = penalty == Penalty::L1 ? 1.0 : penalty == Penalty::ElasticNet ? l1Ratio : 0.0;
        if (sparse)
            loss.emplace(*sparse, codes, classes, weights, fitIntercept);
        else
            loss.emplace(X, codes, classes, weights, fitIntercept);
    }
    Problem(const Problem&) = delete;
    Problem& operator=(const Problem&) = delete;

    // The penalty term R(W) of C * sum w_i loss_i + R(W).
    double penaltyValue(const Eigen::Ref<const Matrix>& W) const
    {
        double r = 0;
        if (l2Weight > 0)
            r += 0.5 * l2Weight * W.squaredNorm();
        if (l1Weight > 0)
            r += l1Weight * W.lpNorm<1>();
        return r;
    }
    // The objective divided by C * sum(w): a weighted mean loss plus the
    // scaled penalty. gd and sgd step on this scale so that a learning rate
    // does not depend on the number of samples or on C.
    double meanObjective(double weightedLoss, const Eigen::Ref<const Matrix>& W) const
    {
        return weightedLoss / weightSum + penaltyValue(W) / (C * weightSum);
    }

    const Matrix& X;
    const SparseMatrix* sparseX = nullptr;
    Eigen::Index nRows = 0, nFeatures = 0;
    Eigen::VectorXi codes;
    Vector weights;
    int classes = 2;
    int columns = 1;
    bool fitIntercept = true;
    double C = 1, l1Ratio = 0.5, learningRate = 0.1, tol = 1e-4;
    int maxIter = 100, batchSize = 32;
    std::string solver;
    Penalty penalty = Penalty::L2;
    double weightSum = 0, l2Weight = 0, l1Weight = 0;
    std::optional<LogisticLoss> loss;
};

const std::vector<ParamSpec>& LogisticRegression::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        s.push_back(ParamSpec::choice("penalty", "l2", {"l2", "l1", "elasticnet", "none"},
                                      "Penalty on the coefficients: l2 shrinks them, l1 sets some exactly to 0, "
                                      "elasticnet mixes both, none fits the plain log loss")
                        .orNone());
        s.push_back(ParamSpec::floating("C", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                                        "Inverse regularization strength: smaller C means a stronger penalty")
                        .exclusiveMin()
                        .logarithmic());
        s.push_back(ParamSpec::floating("l1_ratio", 0.5, 0.0, 1.0,
                                        "Share of l1 in the elasticnet penalty (0 = pure l2, 1 = pure l1)"));
        auto classWeight = ParamSpec::choice("class_weight", "none", {"none", "balanced"},
                                             "balanced weighs each class by n / (K * class count) so rare classes "
                                             "count as much as common ones")
                               .orNone();
        classWeight.defaultValue = std::monostate{};
        s.push_back(classWeight);
        s.push_back(ParamSpec::choice("solver", "lbfgs", {"lbfgs", "saga", "gd", "sgd"},
                                      "lbfgs: fast quasi-Newton (l2/none); saga: stochastic, any penalty; "
                                      "gd: full-batch gradient descent; sgd: mini-batch gradient descent"));
        s.push_back(ParamSpec::integer("max_iter", 100, 1, 10'000'000,
                                       "Maximum iterations (lbfgs, gd) or passes over the data (sgd, saga)"));
        s.push_back(ParamSpec::floating("tol", 1e-4, 0.0, std::numeric_limits<double>::infinity(),
                                        "Stopping tolerance: largest gradient entry (lbfgs, gd), objective "
                                        "improvement over 5 epochs (sgd), relative weight change per epoch (saga)")
                        .logarithmic());
        s.push_back(ParamSpec::boolean("fit_intercept", true, "Learn an unpenalized intercept (bias) term"));
        s.push_back(ParamSpec::floating("learning_rate", 0.1, 0.0, std::numeric_limits<double>::infinity(),
                                        "Step size of gd and sgd on the mean loss; too large makes training diverge")
                        .exclusiveMin()
                        .logarithmic());
        s.push_back(ParamSpec::integer("batch_size", 32, 1, 1'000'000'000, "Samples per sgd update"));
        return s;
    }();
    return specs;
}

void LogisticRegression::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    requireSamples(X, kOwner);
    requireFiniteFeatures(X, kOwner);
    requireMatchingTarget(X, y, kOwner);
    std::vector<double> classList = checkedClasses(y);
    m_fitted = false;
    const Problem problem(X, nullptr, y, classList, *this);
    solve(problem, std::move(classList), ctx);
}

void LogisticRegression::fitSparse(const SparseMatrix& X, const Vector& y, TrainContext& ctx)
{
    if (X.rows() == 0)
        throw DataError(std::string(kOwner) + ": there are no training rows");
    if (y.size() != X.rows())
        throw DataError(std::string(kOwner) + ": X has " + std::to_string(X.rows()) + " rows but y has "
                        + std::to_string(y.size()) + " values; they must match");
    for (Eigen::Index r = 0; r < X.outerSize(); ++r)
        for (SparseMatrix::InnerIterator it(X, r); it; ++it)
            if (!std::isfinite(it.value()))
                throw DataError(std::string(kOwner) + ": X has missing or infinite values (row " + std::to_string(r)
                                + "); fill or drop them first");
    std::vector<double> classList = checkedClasses(y);
    m_fitted = false;
    const Matrix noDenseFeatures;
    const Problem problem(noDenseFeatures, &X, y, classList, *this);
    solve(problem, std::move(classList), ctx);
}

std::vector<double> LogisticRegression::checkedClasses(const Vector& y) const
{
    std::vector<double> classList = sortedClasses(y);
    if (classList.size() < 2)
        throw DataError(std::string(kOwner) + " needs at least two classes in y, but every sample has label "
                        + formatNumber(classList.front()) + "; check the target column or the train/test split");
    return classList;
}

void LogisticRegression::solve(const Problem& problem, std::vector<double> classList, TrainContext& ctx)
{
    // Zero weights first, so that an observer or an early stop sees a usable model.
    m_classes = std::move(classList);
    m_coef = Matrix::Zero(problem.columns, problem.nFeatures);
    m_intercept = Vector::Zero(problem.columns);
    m_nIter = 0;
    m_fitted = true;
    try {
        if (problem.solver == "lbfgs")
            fitLbfgs(problem, ctx);
        else if (problem.solver == "gd")
            fitGradientDescent(problem, ctx);
        else if (problem.solver == "sgd")
            fitStochasticGradient(problem, ctx);
        else
            fitSaga(problem, ctx);
    } catch (...) {
        m_fitted = false;
        throw;
    }
}

void LogisticRegression::publish(const Matrix& W, const Vector& b)
{
    m_coef = W.transpose();
    m_intercept = b;
}

void LogisticRegression::reportStep(const Problem& problem, TrainContext& ctx, int step, int totalSteps,
                                    bool finalStep) const
{
    if (!ctx.observer)
        return;
    const bool regular = ctx.reportEvery <= 1 || step % ctx.reportEvery == 0 || step >= totalSteps;
    if (!regular && !finalStep)
        return;
    const Matrix W = m_coef.transpose();
    const LogisticFit fit = problem.loss->evaluate(W, m_intercept);
    TrainStep s;
    s.step = step;
    s.totalSteps = totalSteps;
    s.trainLoss = fit.meanLoss;
    s.metrics["train_accuracy"] = fit.accuracy;
    s.metrics["objective"] = problem.C * fit.weightedLoss + problem.penaltyValue(W);
    if (ctx.hasValidation()) {
        s.validationLoss = loss(*ctx.validationX, *ctx.validationY);
        const Vector pred = predict(*ctx.validationX);
        s.metrics["validation_accuracy"] =
            (pred.array() == ctx.validationY->array()).cast<double>().mean();
    }
    // The step where training converged is always shown, even between reportEvery multiples.
    if (regular)
        ctx.report(s, *this);
    else
        ctx.observer->onStep(s, *this);
}

void LogisticRegression::throwDiverged(const Problem& problem, int step, double loss, double initialLoss) const
{
    if (problem.solver != "gd" && problem.solver != "sgd")
        throw DivergenceError(std::string(kOwner) + " (" + problem.solver + ") produced non-finite values at step "
                              + std::to_string(step)
                              + "; the features are probably extremely large: add a StandardScaler before it");
    const double lr = problem.learningRate;
    // Smoothness of the mean objective bounds the stable step size: gradient
    // descent converges for lr < 2/L. L = c * largest eigenvalue of the
    // weighted Gram matrix of [X 1] / sum(w), with c = 1/4 for the sigmoid and
    // 1/2 for the softmax. sgd steps on single batches: use the largest row norm.
    const Matrix& X = problem.X;
    const double curvature = problem.columns == 1 ? 0.25 : 0.5;
    const double bias = problem.fitIntercept ? 1.0 : 0.0;
    double smoothness = 0;
    if (problem.solver == "sgd") {
        const Vector rowNorms = X.rowwise().squaredNorm();
        smoothness = curvature * ((rowNorms.array() + bias) * problem.weights.array()).maxCoeff()
                     * static_cast<double>(X.rows()) / problem.weightSum;
    } else {
        Vector v = Vector::Ones(X.cols());
        double bv = bias;
        for (int k = 0; k < 50; ++k) {  // power iteration on [X 1]^T W [X 1] / sum(w)
            Vector u = X * v;
            u.array() += bv;
            u = u.cwiseProduct(problem.weights);
            Vector nv = X.transpose() * u / problem.weightSum;
            const double nb = bias * u.sum() / problem.weightSum;
            const double norm = std::sqrt(nv.squaredNorm() + nb * nb);
            if (!(norm > 0))
                break;
            smoothness = norm / std::sqrt(v.squaredNorm() + bv * bv);
            v = nv / norm;
            bv = nb / norm;
        }
        smoothness *= curvature;
    }
    smoothness += problem.l2Weight / (problem.C * problem.weightSum);
    double suggestion = roundDownNicely(1.0 / smoothness);
    if (!(suggestion < lr))
        suggestion = roundDownNicely(lr / 10);

    std::string what = std::isnan(loss) ? "loss became nan"
                       : std::isinf(loss) ? "loss became inf"
                                          : "loss grew from " + formatNumber(initialLoss, 3) + " to "
                                                + formatNumber(loss, 3);
    std::string message = std::string(kOwner) + " diverged at step " + std::to_string(step) + " (" + what
                          + "): learning_rate " + formatNumber(lr) + " is too large; try " + formatNumber(suggestion);
    if (X.cwiseAbs().maxCoeff() > 100)
        message += ", and standardize the features first (add a StandardScaler): large values make the steps huge";
    throw DivergenceError(message);
}

void LogisticRegression::checkDivergence(const Problem& problem, int step, double loss, double initialLoss,
                                         const Matrix& W, const Vector& b) const
{
    if (!std::isfinite(loss) || !W.allFinite() || !b.allFinite())
        throwDiverged(problem, step, std::isfinite(loss) ? std::numeric_limits<double>::infinity() : loss,
                      initialLoss);
    // A convex loss that grew 100-fold from the start is being thrown around
    // by oversized steps even if it has not overflowed yet.
    if (loss > 100 * initialLoss && initialLoss > 0)
        throwDiverged(problem, step, loss, initialLoss);
}

void LogisticRegression::fitLbfgs(const Problem& problem, TrainContext& ctx)
{
    const Eigen::Index d = problem.nFeatures;
    const Eigen::Index cols = problem.columns;
    const Eigen::Index nW = d * cols;
    const bool fitB = problem.fitIntercept;
    const Vector zeroB = Vector::Zero(cols);
    Vector unusedGradB(cols);
    const double l2 = problem.l2Weight / problem.C;
    const LogisticLoss& loss = *problem.loss;

    // scikit-learn's scaling (sum of weighted losses + ||W||^2 / 2C), so that
    // tol is the same gradient tolerance it passes to L-BFGS-B.
    auto objective = [&](const Vector& theta, Vector& grad) {
        const Eigen::Map<const Matrix> W(theta.data(), d, cols);
        Eigen::Map<Matrix> gW(grad.data(), d, cols);
        double f = 0;
        if (fitB) {
            const Eigen::Map<const Vector> b(theta.data() + nW, cols);
            Eigen::Map<Vector> gB(grad.data() + nW, cols);
            f = loss.lossGradient(W, b, gW, gB);
        } else {
            f = loss.lossGradient(W, zeroB, gW, unusedGradB);
        }
        if (l2 > 0) {
            f += 0.5 * l2 * W.squaredNorm();
            gW += l2 * W;
        }
        return f;
    };
    auto publishTheta = [&](const Vector& theta) {
        const Eigen::Map<const Matrix> W(theta.data(), d, cols);
        publish(W, fitB ? Vector(theta.segment(nW, cols)) : zeroB);
    };

    if (!ctx.checkpoint())
        return;
    auto callback = [&](const LbfgsIterate& it) {
        publishTheta(*it.x);
        m_nIter = it.iteration;
        reportStep(problem, ctx, it.iteration, problem.maxIter, it.last);
        return it.last || ctx.checkpoint();
    };
    LbfgsOptions options;
    options.maxIterations = problem.maxIter;
    options.gradientTolerance = problem.tol;
    const LbfgsResult result = minimizeLbfgs(objective, Vector::Zero(nW + (fitB ? cols : 0)), options, callback);
    if (result.status == LbfgsStatus::NonFinite)
        throwDiverged(problem, result.iterations + 1, result.value, 0.0);
    publishTheta(result.x);
    m_nIter = result.iterations;
}

void LogisticRegression::fitGradientDescent(const Problem& problem, TrainContext& ctx)
{
    const LogisticLoss& loss = *problem.loss;
    const Eigen::Index d = problem.X.cols();
    const Eigen::Index cols = problem.columns;
    const double lr = problem.learningRate;
    const double S = problem.weightSum;
    const double l2 = problem.l2Weight / (problem.C * S);
    const double l1 = problem.l1Weight / (problem.C * S);

    Matrix W = Matrix::Zero(d, cols), gW(d, cols), next(d, cols);
    Vector b = Vector::Zero(cols), gB = Vector::Zero(cols);
    double objective = problem.meanObjective(loss.lossGradient(W, b, gW, gB), W);
    const double initial = objective;
    for (int step = 1; step <= problem.maxIter; ++step) {
        if (!ctx.checkpoint())
            break;
        // Proximal gradient step: the smooth part (loss + l2) by its gradient,
        // the l1 part by soft-thresholding, which gives exact zeros.
        gW = gW / S + l2 * W;
        next = W - lr * gW;
        if (l1 > 0)
            softThreshold(next, lr * l1);
        double change = (next - W).cwiseAbs().maxCoeff();
        W.swap(next);
        if (problem.fitIntercept) {
            b -= (lr / S) * gB;
            change = std::max(change, (lr / S) * gB.cwiseAbs().maxCoeff());
        }
        objective = problem.meanObjective(loss.lossGradient(W, b, gW, gB), W);
        checkDivergence(problem, step, objective, initial, W, b);
        publish(W, b);
        m_nIter = step;
        // change / lr is the gradient mapping, which is 0 exactly at the optimum (also with l1).
        const bool converged = change / lr <= problem.tol;
        reportStep(problem, ctx, step, problem.maxIter, converged);
        if (converged)
            break;
    }
}

void LogisticRegression::fitStochasticGradient(const Problem& problem, TrainContext& ctx)
{
    const Matrix& X = problem.X;
    const Eigen::Index n = X.rows();
    const Eigen::Index d = X.cols();
    const Eigen::Index cols = problem.columns;
    const double lr = problem.learningRate;
    const double S = problem.weightSum;
    const double l2 = problem.l2Weight / (problem.C * S);
    const double l1 = problem.l1Weight / (problem.C * S);
    const Eigen::Index batch = std::min<Eigen::Index>(problem.batchSize, n);

    // Each epoch copies the rows in a fresh seeded order so that every batch
    // is a contiguous block for the matrix products.
    Matrix shuffledX(n, d);
    Eigen::VectorXi shuffledCodes(n);
    Vector shuffledWeights(n);
    const LogisticLoss batchLoss(shuffledX, shuffledCodes, problem.classes, shuffledWeights, problem.fitIntercept);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    SeededRandom rng(ctx.seed);

    Matrix W = Matrix::Zero(d, cols), gW(d, cols);
    Vector b = Vector::Zero(cols), gB = Vector::Zero(cols);
    const double initial = problem.meanObjective(problem.loss->loss(W, b), W);
    double best = initial;
    int epochsWithoutImprovement = 0;
    for (int epoch = 1; epoch <= problem.maxIter; ++epoch) {
        if (!ctx.checkpoint())
            break;
        rng.shuffle(order);
        for (Eigen::Index j = 0; j < d; ++j)
            for (Eigen::Index i = 0; i < n; ++i)
                shuffledX(i, j) = X(order[static_cast<std::size_t>(i)], j);
        for (Eigen::Index i = 0; i < n; ++i) {
            shuffledCodes(i) = problem.codes(order[static_cast<std::size_t>(i)]);
            shuffledWeights(i) = problem.weights(order[static_cast<std::size_t>(i)]);
        }
        for (Eigen::Index start = 0; start < n; start += batch) {
            const Eigen::Index m = std::min(batch, n - start);
            batchLoss.lossGradient(W, b, gW, gB, start, m);
            // Unbiased estimate of the mean objective's gradient from m rows.
            const double scale = static_cast<double>(n) / (S * static_cast<double>(m));
            W -= lr * (scale * gW + l2 * W);
            if (l1 > 0)
                softThreshold(W, lr * l1);
            if (problem.fitIntercept)
                b -= (lr * scale) * gB;
        }
        const double objective = problem.meanObjective(problem.loss->loss(W, b), W);
        checkDivergence(problem, epoch, objective, initial, W, b);
        publish(W, b);
        m_nIter = epoch;
        // scikit-learn's SGD rule: stop after 5 epochs without an improvement of tol.
        epochsWithoutImprovement = objective > best - problem.tol ? epochsWithoutImprovement + 1 : 0;
        best = std::min(best, objective);
        const bool converged = epochsWithoutImprovement >= 5;
        reportStep(problem, ctx, epoch, problem.maxIter, converged);
        if (converged)
            break;
    }
}

void LogisticRegression::fitSaga(const Problem& problem, TrainContext& ctx)
{
    const Eigen::Index n = problem.X.rows();
    const Eigen::Index d = problem.X.cols();
    const Eigen::Index cols = problem.columns;
    // Samples as contiguous columns: SAGA touches one sample at a time.
    const Matrix Xt = problem.X.transpose();
    // scikit-learn's sag_solver scaling: mean loss + alpha/2 ||W||^2 + beta ||W||_1.
    const double alpha = problem.l2Weight / (problem.C * static_cast<double>(n));
    const double beta = problem.l1Weight / (problem.C * static_cast<double>(n));
    // scikit-learn's automatic step size for SAGA (Defazio et al. 2014).
    const double maxSquaredSum = Xt.colwise().squaredNorm().maxCoeff();
    const double lipschitz = 0.25 * (maxSquaredSum + (problem.fitIntercept ? 1.0 : 0.0)) + alpha;
    const double step = 1.0 / (2 * lipschitz + std::min(2 * static_cast<double>(n) * alpha, lipschitz));

    Matrix W = Matrix::Zero(d, cols), previous(d, cols);
    Vector b = Vector::Zero(cols);
    Matrix memory = Matrix::Zero(cols, n);  // last gradient factor of each sample (gradient = x_i * factor^T)
    Matrix gradientSum = Matrix::Zero(d, cols);
    Vector interceptSum = Vector::Zero(cols);
    std::vector<char> seen(static_cast<std::size_t>(n), 0);
    Eigen::Index seenCount = 0;
    Vector z(cols), factor(cols), correction(cols);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    SeededRandom rng(ctx.seed);

    for (int epoch = 1; epoch <= problem.maxIter; ++epoch) {
        if (!ctx.checkpoint())
            break;
        rng.shuffle(order);
        previous = W;
        for (const Eigen::Index i : order) {
            const auto x = Xt.col(i);
            z.noalias() = W.transpose() * x;
            if (problem.fitIntercept)
                z += b;
            const double w = problem.weights(i);
            if (cols == 1) {
                const double e = std::exp(-std::abs(z(0)));
                const double p = z(0) >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
                factor(0) = w * (p - (problem.codes(i) == 1 ? 1.0 : 0.0));
            } else {
                factor = (z.array() - z.maxCoeff()).exp().matrix();
                factor /= factor.sum();
                factor(problem.codes(i)) -= 1.0;
                factor *= w;
            }
            if (!seen[static_cast<std::size_t>(i)]) {
                seen[static_cast<std::size_t>(i)] = 1;
                ++seenCount;
            }
            correction = factor - memory.col(i);
            const double invSeen = 1.0 / static_cast<double>(seenCount);
            // W <- prox(W - step * (grad_i(W) - grad_i(old) + mean of stored gradients + alpha W))
            if (alpha > 0)
                W *= 1.0 - step * alpha;
            W.noalias() -= step * x * correction.transpose();
            W -= (step * invSeen) * gradientSum;
            if (beta > 0)
                softThreshold(W, step * beta);
            if (problem.fitIntercept)
                b -= step * (correction + invSeen * interceptSum);
            gradientSum.noalias() += x * correction.transpose();
            interceptSum += correction;
            memory.col(i) = factor;
        }
        const double objective = problem.meanObjective(problem.loss->loss(W, b), W);
        // The automatic step size keeps SAGA stable: only non-finite values count as divergence.
        checkDivergence(problem, epoch, objective, std::numeric_limits<double>::infinity(), W, b);
        publish(W, b);
        m_nIter = epoch;
        // scikit-learn's rule: largest weight change in the epoch relative to the largest weight.
        const double maxChange = (W - previous).cwiseAbs().maxCoeff();
        const double maxWeight = W.cwiseAbs().maxCoeff();
        const bool converged =
            (maxWeight != 0 && maxChange / maxWeight <= problem.tol) || (maxWeight == 0 && maxChange == 0);
        reportStep(problem, ctx, epoch, problem.maxIter, converged);
        if (converged)
            break;
    }
}

Matrix LogisticRegression::decisionFunction(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_coef.cols(), kOwner);
    requireFiniteFeatures(X, kOwner);
    Matrix scores = X * m_coef.transpose();
    scores.rowwise() += m_intercept.transpose();
    return scores;
}

Matrix LogisticRegression::decisionFunctionSparse(const SparseMatrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    if (X.cols() != m_coef.cols())
        throw DataError(std::string(kOwner) + " was fitted on " + std::to_string(m_coef.cols())
                        + " features but X has " + std::to_string(X.cols()));
    Matrix scores = X * m_coef.transpose();
    scores.rowwise() += m_intercept.transpose();
    return scores;
}

Vector LogisticRegression::predictSparse(const SparseMatrix& X) const
{
    return labelsOf(decisionFunctionSparse(X));
}

Matrix LogisticRegression::predictProbaSparse(const SparseMatrix& X) const
{
    return probabilitiesOf(decisionFunctionSparse(X));
}

Vector LogisticRegression::predict(const Matrix& X) const
{
    return labelsOf(decisionFunction(X));
}

Matrix LogisticRegression::predictProba(const Matrix& X) const
{
    return probabilitiesOf(decisionFunction(X));
}

Vector LogisticRegression::labelsOf(const Matrix& scores) const
{
    const Eigen::Index rows = scores.rows();
    Vector out(rows);
    if (scores.cols() == 1) {
        for (Eigen::Index i = 0; i < rows; ++i)
            out(i) = m_classes[scores(i, 0) > 0 ? 1 : 0];
        return out;
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
        Eigen::Index best = 0;
        scores.row(i).maxCoeff(&best);
        out(i) = m_classes[static_cast<std::size_t>(best)];
    }
    return out;
}

Matrix LogisticRegression::probabilitiesOf(Matrix scores)
{
    if (scores.cols() == 1) {
        Matrix proba(scores.rows(), 2);
        proba.col(1) = sigmoid(scores.col(0).array()).matrix();
        proba.col(0) = (1.0 - proba.col(1).array()).matrix();
        return proba;
    }
    softmaxRows(scores);
    return scores;
}

void LogisticRegression::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["coef"] = matrixToJson(m_coef);
    out["intercept"] = vectorToJson(m_intercept);
    out["classes"] = m_classes;
    out["n_iter"] = m_nIter;
}

void LogisticRegression::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_coef.resize(0, 0);
        m_intercept.resize(0);
        m_classes.clear();
        m_nIter = 0;
        return;
    }
    std::vector<double> classList = doublesFromJson(in, "classes", kOwner);
    if (classList.size() < 2 || !std::is_sorted(classList.begin(), classList.end())
        || std::adjacent_find(classList.begin(), classList.end()) != classList.end())
        throwDamagedState(kOwner, "'classes' must list at least two distinct labels in increasing order");
    const Eigen::Index rows = classList.size() == 2 ? 1 : static_cast<Eigen::Index>(classList.size());
    Matrix coef = matrixFromJson(in, "coef", kOwner, rows);
    Vector intercept = vectorFromJson(in, "intercept", kOwner, rows);
    if (coef.cols() < 1 || !coef.allFinite() || !intercept.allFinite())
        throwDamagedState(kOwner, "'coef' and 'intercept' must hold finite numbers for at least one feature");
    const long long nIter = integerFromJson(in, "n_iter", kOwner, 0, std::numeric_limits<int>::max());
    m_classes = std::move(classList);
    m_coef = std::move(coef);
    m_intercept = std::move(intercept);
    m_nIter = static_cast<int>(nIter);
    m_fitted = true;
}

}  // namespace dslab
