#include "engine/models/trees/gradient_boosting.h"

#include "engine/core/errors.h"
#include "engine/models/trees/boosting_tree_builder.h"
#include "engine/models/trees/decision_tree.h"
#include "engine/models/trees/feature_bins.h"
#include "engine/models/trees/tree_input.h"
#include "engine/models/trees/tree_params.h"
#include "engine/models/trees/tree_random.h"
#include "engine/models/trees/worker_team.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dslab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Rows per work item of the per-row passes (gradients, margin updates); fixed
// so that loss sums do not depend on the thread count.
constexpr std::int64_t kRowBlock = 16384;
// XGBoost's floor on hessians, so a confident row still counts a little.
constexpr double kMinHessian = 1e-16;

std::vector<ParamSpec> boostingSpecs(bool classification)
{
    ParamSpec baseScore = classification
                              ? ParamSpec::floating("base_score", 0.5, 0.0, 1.0,
                                                    "Starting probability of every row (XGBoost 1.7: 0.5 = margin 0)")
                                    .exclusiveMin()
                              : ParamSpec::floating("base_score", 0.5, -kInf, kInf,
                                                    "Starting prediction of every row (XGBoost 1.7 default 0.5)");
    ParamSpec early = ParamSpec::integer("early_stopping_rounds", 10, 1, 1000000,
                                         "Stop when the validation loss has not improved for this many rounds and "
                                         "keep the best round; None trains all rounds")
                          .orNone();
    early.defaultValue = std::monostate{};
    return {
        ParamSpec::integer("n_estimators", 100, 1, 100000, "Boosting rounds (trees per class)"),
        ParamSpec::floating("learning_rate", 0.3, 0.0, 1.0,
                            "Shrinks each tree's contribution (XGBoost's eta); smaller needs more rounds")
            .exclusiveMin()
            .logarithmic(),
        ParamSpec::integer("max_depth", 6, 1, 30, "Depth of each tree (levels of splits)"),
        ParamSpec::floating("min_child_weight", 1.0, 0.0, kInf,
                            "Each child needs at least this hessian sum (about the row count for squared error)"),
        ParamSpec::floating("reg_lambda", 1.0, 0.0, kInf, "L2 penalty on leaf weights").logarithmic(),
        ParamSpec::floating("reg_alpha", 0.0, 0.0, kInf, "L1 penalty on leaf weights"),
        ParamSpec::floating("gamma", 0.0, 0.0, kInf, "A split must reduce the loss by at least this much"),
        ParamSpec::floating("subsample", 1.0, 0.0, 1.0, "Share of rows sampled for each round").exclusiveMin(),
        ParamSpec::floating("colsample_bytree", 1.0, 0.0, 1.0, "Share of features sampled for each tree")
            .exclusiveMin(),
        ParamSpec::integer("max_bin", 256, 2, 256, "Bins per feature for the split histograms"),
        ParamSpec::choice("tree_method", "hist", {"hist"},
                          "Split search: histograms of binned features, as XGBoost's hist (the only method here)"),
        early,
        baseScore,
        treeparams::nJobs(),
    };
}

double softplus(double m)
{
    return m > 0 ? m + std::log1p(std::exp(-m)) : std::log1p(std::exp(m));
}

double sigmoid(double m)
{
    return 1.0 / (1.0 + std::exp(-m));
}

// Mean loss of margins (rows x K, class-major: margin[k * n + i]) against targets.
double meanLoss(BoostingObjective objective, const double* margin, const double* target, std::int64_t n, int k)
{
    double total = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        switch (objective) {
        case BoostingObjective::SquaredError: {
            const double d = margin[i] - target[i];
            total += d * d;
            break;
        }
        case BoostingObjective::Logistic:
            total += softplus(margin[i]) - target[i] * margin[i];
            break;
        case BoostingObjective::Softmax: {
            double mx = -kInf;
            for (int c = 0; c < k; ++c)
                mx = std::max(mx, margin[c * n + i]);
            double s = 0;
            for (int c = 0; c < k; ++c)
                s += std::exp(margin[c * n + i] - mx);
            total += mx + std::log(s) - margin[static_cast<std::int64_t>(target[i]) * n + i];
            break;
        }
        }
    }
    return total / static_cast<double>(std::max<std::int64_t>(1, n));
}

std::vector<std::uint8_t> transposeCodes(const std::vector<std::uint8_t>& byRow, std::int64_t n, int nf)
{
    std::vector<std::uint8_t> byColumn(byRow.size());
    for (std::int64_t i = 0; i < n; ++i)
        for (int f = 0; f < nf; ++f)
            byColumn[static_cast<std::size_t>(f * n + i)] = byRow[static_cast<std::size_t>(i * nf + f)];
    return byColumn;
}

// One round's rows (subsample): each row is kept with probability `share`,
// as in XGBoost; at least one row.
void sampleRows(TreeRandom& rng, std::int64_t n, double share, std::vector<std::int32_t>& rows,
                std::vector<char>& inSample)
{
    inSample.assign(static_cast<std::size_t>(n), 0);
    for (std::int64_t i = 0; i < n; ++i)
        if (rng.uniform() < share) {
            rows.push_back(static_cast<std::int32_t>(i));
            inSample[static_cast<std::size_t>(i)] = 1;
        }
    if (rows.empty()) {
        rows.push_back(0);
        inSample[0] = 1;
    }
}

// One tree's features (colsample_bytree): floor(share * n), at least one, in
// increasing order.
std::vector<int> sampleFeatures(TreeRandom& rng, int nf, double share)
{
    std::vector<int> features(static_cast<std::size_t>(nf));
    std::iota(features.begin(), features.end(), 0);
    if (share >= 1.0)
        return features;
    const int keep = std::max(1, static_cast<int>(std::floor(share * nf)));
    for (int j = 0; j < keep; ++j)
        std::swap(features[static_cast<std::size_t>(j)],
                  features[static_cast<std::size_t>(j) + rng.below(static_cast<std::uint32_t>(nf - j))]);
    features.resize(static_cast<std::size_t>(keep));
    std::sort(features.begin(), features.end());
    return features;
}

}  // namespace

const std::vector<ParamSpec>& GradientBoostingClassifier::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = boostingSpecs(true);
    return specs;
}

const std::vector<ParamSpec>& GradientBoostingRegressor::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = boostingSpecs(false);
    return specs;
}

int GradientBoostingBase::roundCount() const
{
    const int perRound = m_objective == BoostingObjective::Softmax ? static_cast<int>(baseValue().size()) : 1;
    return static_cast<int>(trees().size()) / std::max(1, perRound);
}

TreeOutputLink GradientBoostingBase::outputLink() const
{
    switch (m_objective) {
    case BoostingObjective::Logistic: return TreeOutputLink::Logistic;
    case BoostingObjective::Softmax: return TreeOutputLink::Softmax;
    case BoostingObjective::SquaredError: break;
    }
    return TreeOutputLink::Identity;
}

std::vector<double> GradientBoostingBase::featureImportances() const
{
    if (trees().empty())
        throwNotFitted();
    std::vector<double> total(static_cast<std::size_t>(featureCount()), 0.0);
    for (const auto& t : trees())
        t.addGains(total);
    normalizeImportances(total);
    return total;
}

Matrix GradientBoostingBase::margins(const Matrix& X) const
{
    checkPredictInput(X);
    return rawOutput(X);
}

void GradientBoostingBase::saveExtra(nlohmann::json& out) const
{
    out["objective"] = m_objective == BoostingObjective::Logistic  ? "binary:logistic"
                       : m_objective == BoostingObjective::Softmax ? "multi:softprob"
                                                                   : "reg:squarederror";
    out["best_iteration"] = m_bestIteration;
}

void GradientBoostingBase::loadExtra(const nlohmann::json& in)
{
    const std::string objective = in.at("objective").get<std::string>();
    if (objective == "binary:logistic")
        m_objective = BoostingObjective::Logistic;
    else if (objective == "multi:softprob")
        m_objective = BoostingObjective::Softmax;
    else if (objective == "reg:squarederror")
        m_objective = BoostingObjective::SquaredError;
    else
        throw FormatError(typeName() + " state: unknown objective '" + objective + "'");
    const bool classifierObjective = m_objective != BoostingObjective::SquaredError;
    const std::size_t outputs = m_objective == BoostingObjective::Softmax ? classes().size() : 1;
    if (classifierObjective != isClassifier() || baseValue().size() != outputs)
        throw FormatError(typeName() + " state: the objective does not match the model's outputs");
    m_bestIteration = in.at("best_iteration").get<int>();
}

void GradientBoostingBase::fitBoosting(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    checkFitInput(X, y);
    const std::string owner = typeName();
    const int rounds = static_cast<int>(paramInt("n_estimators"));
    BoostingTreeParams tp;
    tp.maxDepth = static_cast<int>(paramInt("max_depth"));
    tp.minChildWeight = paramDouble("min_child_weight");
    tp.lambda = paramDouble("reg_lambda");
    tp.alpha = paramDouble("reg_alpha");
    tp.gamma = paramDouble("gamma");
    tp.learningRate = paramDouble("learning_rate");
    const double subsample = paramDouble("subsample");
    const double colsample = paramDouble("colsample_bytree");
    const double baseScore = paramDouble("base_score");
    if (isClassifier() && baseScore >= 1.0)
        throw ParamError(owner + ": base_score = 1 is a certain prediction (an infinite margin); use a probability "
                                 "below 1, such as the default 0.5");
    const bool earlyStopping = !paramIsNone("early_stopping_rounds");
    const int patience = earlyStopping ? static_cast<int>(paramInt("early_stopping_rounds")) : 0;
    if (earlyStopping && !ctx.hasValidation())
        throw ParamError(owner + ": early_stopping_rounds needs a validation set; set one in the training "
                                 "context or use None");
    const int threads = resolveThreads(*this, ctx.threads);

    const auto n = static_cast<std::int64_t>(X.rows());
    const int nf = static_cast<int>(X.cols());
    int k = 1;
    std::vector<double> classes;
    std::vector<double> target(static_cast<std::size_t>(n));
    if (isClassifier()) {
        LabelCodes labels = encodeLabels(y, owner);
        classes = labels.classes;
        m_objective = classes.size() == 2 ? BoostingObjective::Logistic : BoostingObjective::Softmax;
        k = m_objective == BoostingObjective::Softmax ? static_cast<int>(classes.size()) : 1;
        for (std::int64_t i = 0; i < n; ++i)
            target[static_cast<std::size_t>(i)] = labels.codes[static_cast<std::size_t>(i)];
    } else {
        m_objective = BoostingObjective::SquaredError;
        std::copy(y.data(), y.data() + n, target.begin());
    }

    // Validation targets in the same coding as the training targets.
    const Matrix* Xv = ctx.hasValidation() ? ctx.validationX : nullptr;
    std::vector<double> validTarget;
    if (Xv) {
        checkFeatureMatrix(*Xv, owner + " (validation set)", nf);
        const Vector& yv = *ctx.validationY;
        checkTarget(*Xv, yv, owner + " (validation set)");
        validTarget.resize(static_cast<std::size_t>(yv.size()));
        for (Eigen::Index i = 0; i < yv.size(); ++i) {
            if (!isClassifier()) {
                validTarget[static_cast<std::size_t>(i)] = yv(i);
                continue;
            }
            auto it = std::lower_bound(classes.begin(), classes.end(), yv(i));
            if (it == classes.end() || *it != yv(i))
                throw DataError(owner + ": the validation set has the label " + std::to_string(yv(i))
                                + ", which the training set does not have");
            validTarget[static_cast<std::size_t>(i)] = static_cast<double>(it - classes.begin());
        }
    }

    const double base = m_objective == BoostingObjective::Logistic ? std::log(baseScore / (1.0 - baseScore))
                                                                  : baseScore;
    resetModel(nf, std::vector<double>(static_cast<std::size_t>(k), base), classes);
    setPredictThreads(threads);
    m_bestIteration = -1;

    WorkerTeam team(threads);
    FeatureBins bins;
    bins.fit(X, static_cast<int>(paramInt("max_bin")), threads, ctx.seed);
    const std::vector<std::uint8_t> codes = bins.codesByRow(X, threads);
    const std::vector<std::uint8_t> columnCodes = transposeCodes(codes, n, nf);
    BoostingTreeGrower grower(codes.data(), columnCodes.data(), n, bins, tp, team);

    const auto nk = static_cast<std::size_t>(n) * static_cast<std::size_t>(k);
    std::vector<double> margin(nk, base);  // class-major
    std::vector<RowGradient> gradients(nk);
    const std::size_t blocks = static_cast<std::size_t>((n + kRowBlock - 1) / kRowBlock);
    std::vector<double> blockLoss(blocks);

    // Gradients for the next round and, when an observer will see it, the
    // loss of the current margins, in one pass (they share the exponentials;
    // the logarithms of the loss are skipped when nobody looks).
    auto computeGradients = [&](bool withLoss) {
        // About ten operations per row and class (an exponential each).
        team.run(blocks, nk * 10, [&](std::size_t b) {
            const std::int64_t i0 = static_cast<std::int64_t>(b) * kRowBlock;
            const std::int64_t i1 = std::min(n, i0 + kRowBlock);
            double loss = 0;
            for (std::int64_t i = i0; i < i1; ++i) {
                const double t = target[static_cast<std::size_t>(i)];
                switch (m_objective) {
                case BoostingObjective::SquaredError: {
                    const double d = margin[static_cast<std::size_t>(i)] - t;
                    gradients[static_cast<std::size_t>(i)] = {static_cast<float>(d), 1.0f};
                    loss += d * d;
                    break;
                }
                case BoostingObjective::Logistic: {
                    const double m = margin[static_cast<std::size_t>(i)];
                    // Single precision, like the stored gradients (and XGBoost): half the cost of exp.
                    const float p = 1.0f / (1.0f + std::exp(-static_cast<float>(m)));
                    gradients[static_cast<std::size_t>(i)] = {p - static_cast<float>(t),
                                                              std::max(p * (1.0f - p), static_cast<float>(kMinHessian))};
                    if (withLoss)
                        loss += softplus(m) - t * m;
                    break;
                }
                case BoostingObjective::Softmax: {
                    double mx = -kInf;
                    for (int c = 0; c < k; ++c)
                        mx = std::max(mx, margin[static_cast<std::size_t>(c * n + i)]);
                    double s = 0;
                    for (int c = 0; c < k; ++c)
                        s += std::exp(margin[static_cast<std::size_t>(c * n + i)] - mx);
                    const int yi = static_cast<int>(t);
                    for (int c = 0; c < k; ++c) {
                        const double p = std::exp(margin[static_cast<std::size_t>(c * n + i)] - mx) / s;
                        // XGBoost's softmax hessian carries a factor 2.
                        gradients[static_cast<std::size_t>(c * n + i)] = {
                            static_cast<float>(p - (c == yi ? 1.0 : 0.0)),
                            static_cast<float>(std::max(2.0 * p * (1.0 - p), kMinHessian))};
                    }
                    if (withLoss)
                        loss += mx + std::log(s) - margin[static_cast<std::size_t>(yi * n + i)];
                    break;
                }
                }
            }
            blockLoss[b] = loss;
        });
        if (!withLoss)
            return std::numeric_limits<double>::quiet_NaN();
        return std::accumulate(blockLoss.begin(), blockLoss.end(), 0.0) / static_cast<double>(n);
    };
    computeGradients(false);

    Matrix validMargin;
    if (Xv)
        validMargin = Matrix::Constant(Xv->rows(), k, base);
    double bestLoss = kInf;
    int bestRound = -1;
    int done = 0;
    std::vector<std::int32_t> rows;
    std::vector<char> inSample;
    for (int round = 0; round < rounds; ++round) {
        if (!ctx.checkpoint())
            break;
        TreeRandom rng(ctx.seed, static_cast<std::uint64_t>(round));
        rows.clear();
        if (subsample < 1.0)
            sampleRows(rng, n, subsample, rows, inSample);

        for (int c = 0; c < k; ++c) {
            const std::vector<int> features = sampleFeatures(rng, nf, colsample);
            TreeArrays tree = grower.grow(gradients.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(n),
                                          rows, features);
            double* m = margin.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(n);
            const auto& slices = grower.leafSlices();
            const auto& order = grower.rowOrder();
            team.run(slices.size(), static_cast<std::size_t>(n), [&](std::size_t s) {
                const double w = tree.valueOf(slices[s].node)[0];
                for (std::int64_t j = slices[s].begin; j < slices[s].end; ++j)
                    m[order[static_cast<std::size_t>(j)]] += w;
            });
            if (!rows.empty()) {
                // Rows left out of this round's sample still move with the tree.
                team.run(blocks, static_cast<std::size_t>(n) * static_cast<std::size_t>(tp.maxDepth), [&](std::size_t b) {
                    const std::int64_t i0 = static_cast<std::int64_t>(b) * kRowBlock;
                    const std::int64_t i1 = std::min(n, i0 + kRowBlock);
                    for (std::int64_t i = i0; i < i1; ++i)
                        if (!inSample[static_cast<std::size_t>(i)])
                            m[i] += tree.valueOf(grower.leafOf(codes.data() + i * nf))[0];
                });
            }
            appendTree(std::move(tree), 1.0, c);
        }
        done = round + 1;

        TrainStep step;
        step.step = done;
        step.totalSteps = rounds;
        const bool observed = ctx.observer
                              && (ctx.reportEvery <= 1 || done % ctx.reportEvery == 0 || done == rounds);
        step.trainLoss = computeGradients(observed);
        bool stop = false;
        if (Xv) {
            // Only this round's trees are new for the validation margins.
            addTreeOutputs(*Xv, validMargin, trees().size() - static_cast<std::size_t>(k), trees().size());
            step.validationLoss = meanLoss(m_objective, validMargin.data(), validTarget.data(), Xv->rows(), k);
            if (step.validationLoss < bestLoss) {
                bestLoss = step.validationLoss;
                bestRound = round;
            }
            step.metrics["best_iteration"] = bestRound;
            stop = earlyStopping && round - bestRound >= patience;
        }
        m_bestIteration = earlyStopping ? bestRound : round;
        ctx.report(step, *this);
        if (stop)
            break;
    }
    if (earlyStopping && bestRound >= 0)
        truncateTrees(static_cast<std::size_t>(bestRound + 1) * static_cast<std::size_t>(k));
    setFitted(done > 0);
}

Matrix GradientBoostingClassifier::predictProba(const Matrix& X) const
{
    Matrix m = margins(X);
    if (objective() == BoostingObjective::Logistic) {
        Matrix p(m.rows(), 2);
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
            p(i, 1) = sigmoid(m(i, 0));
            p(i, 0) = 1.0 - p(i, 1);
        }
        return p;
    }
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const double mx = m.row(i).maxCoeff();
        m.row(i) = (m.row(i).array() - mx).exp();
        m.row(i) /= m.row(i).sum();
    }
    return m;
}

Vector GradientBoostingClassifier::predict(const Matrix& X) const
{
    return argmaxLabels(predictProba(X), classes());
}

Vector GradientBoostingRegressor::predict(const Matrix& X) const
{
    return margins(X).col(0);
}

}  // namespace dslab
