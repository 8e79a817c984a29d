#include "engine/models/trees/random_forest.h"

#include "engine/core/errors.h"
#include "engine/models/trees/decision_tree.h"
#include "engine/models/trees/feature_bins.h"
#include "engine/models/trees/forest_tree_builder.h"
#include "engine/models/trees/tree_input.h"
#include "engine/models/trees/tree_params.h"
#include "engine/models/trees/tree_random.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace dslab {

namespace {

std::vector<ParamSpec> forestSpecs(bool classification)
{
    std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_estimators", 100, 1, 10000, "Number of trees; more trees = smoother, slower"),
        classification ? treeparams::classificationCriterion() : treeparams::regressionCriterion(),
        treeparams::maxDepth(std::monostate{}),
        treeparams::minSamplesSplit(),
        treeparams::minSamplesLeaf(),
        treeparams::maxFeatures(classification ? ParamValue(std::string("sqrt")) : ParamValue(std::monostate{})),
        treeparams::maxFeaturesFraction(),
        treeparams::minImpurityDecrease(),
        ParamSpec::boolean("bootstrap", true, "Train each tree on a bootstrap sample (rows drawn with replacement)"),
        ParamSpec::boolean("oob_score", false,
                           "Score each row with the trees that did not see it (out-of-bag), reported live"),
        treeparams::nJobs(),
        ParamSpec::integer("max_bins", 255, 2, 256,
                           "Bins per feature for split search (histograms); more bins = finer thresholds"),
    };
    if (classification)
        specs.insert(specs.begin() + 8, treeparams::classWeight());
    return specs;
}

// One tree handed from a worker to the reporting thread.
struct FinishedTree {
    TreeArrays tree;
    std::vector<int> leafOfRow;
    std::vector<std::uint32_t> counts;
    bool ready = false;
};

}  // namespace

const std::vector<ParamSpec>& RandomForestClassifier::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = forestSpecs(true);
    return specs;
}

const std::vector<ParamSpec>& RandomForestRegressor::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = forestSpecs(false);
    return specs;
}

double RandomForestBase::treeWeight(std::size_t t) const
{
    (void)trees().at(t);
    return 1.0 / static_cast<double>(trees().size());
}

std::vector<double> RandomForestBase::featureImportances() const
{
    if (trees().empty())
        throwNotFitted();
    std::vector<double> total(static_cast<std::size_t>(featureCount()), 0.0);
    std::size_t used = 0;
    for (const auto& t : trees()) {
        if (t.nodeCount() <= 1)
            continue;
        const auto imp = treeImportances(t);
        for (std::size_t f = 0; f < total.size(); ++f)
            total[f] += imp[f];
        ++used;
    }
    if (used == 0)
        return total;
    normalizeImportances(total);
    return total;
}

Matrix RandomForestBase::averagedOutput(const Matrix& X) const
{
    checkPredictInput(X);
    Matrix out = rawOutput(X);
    out /= static_cast<double>(std::max<std::size_t>(1, trees().size()));
    return out;
}

void RandomForestBase::saveExtra(nlohmann::json& out) const
{
    if (std::isfinite(m_oobScore))
        out["oob_score"] = m_oobScore;
}

void RandomForestBase::loadExtra(const nlohmann::json& in)
{
    auto it = in.find("oob_score");
    m_oobScore = it != in.end() && it->is_number() ? it->get<double>() : std::numeric_limits<double>::quiet_NaN();
}

void RandomForestBase::fitForest(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    checkFitInput(X, y);
    const bool classification = isClassifier();
    const int nTrees = static_cast<int>(paramInt("n_estimators"));
    const bool bootstrap = paramBool("bootstrap");
    const bool oob = paramBool("oob_score");
    if (oob && !bootstrap)
        throw ParamError(typeName() + ": oob_score needs bootstrap = true (without bootstrap no row is out of bag)");
    const int threads = resolveThreads(*this, ctx.threads);
    const int nf = static_cast<int>(X.cols());
    const TreeGrowthParams params = readGrowthParams(*this, nf);
    const auto n = static_cast<std::size_t>(X.rows());

    LabelCodes labels;
    std::vector<double> cw;
    int k = 1;
    if (classification) {
        labels = encodeLabels(y, typeName());
        cw = classWeights(labels, balancedClassWeight(*this));
        k = static_cast<int>(labels.classes.size());
    }

    // Binning once per fit: every tree reads the same codes.
    FeatureBins bins;
    bins.fit(X, static_cast<int>(paramInt("max_bins")), threads, ctx.seed);
    const std::vector<std::uint8_t> codes = bins.codesByColumn(X, threads);
    BinnedTrainingSet data;
    data.codes = codes.data();
    data.rows = X.rows();
    data.features = nf;
    data.bins = &bins;
    if (classification) {
        data.target.codes = labels.codes.data();
        data.target.nClasses = k;
        data.classWeight = cw.data();
    } else {
        data.target.values = y.data();
    }

    resetModel(nf, std::vector<double>(static_cast<std::size_t>(k), 0.0), labels.classes);
    setPredictThreads(threads);
    m_oobScore = std::numeric_limits<double>::quiet_NaN();

    // Workers build trees ahead of the reporting (this) thread, at most
    // `lookahead` trees ahead so that pausing the training pauses them too.
    std::vector<FinishedTree> slots(static_cast<std::size_t>(nTrees));
    std::mutex mutex;
    std::condition_variable changed;
    int nextTree = 0;
    int reported = 0;
    bool stop = false;
    std::exception_ptr failure;
    const int workers = std::max(1, std::min(threads, nTrees));
    const int lookahead = 2 * workers;
    auto work = [&] {
        for (;;) {
            int t;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || nextTree >= nTrees || nextTree < reported + lookahead; });
                if (stop || nextTree >= nTrees)
                    return;
                t = nextTree++;
            }
            try {
                FinishedTree result;
                TreeRandom rng(ctx.seed, static_cast<std::uint64_t>(t));
                if (bootstrap) {
                    result.counts.assign(n, 0);
                    for (std::size_t i = 0; i < n; ++i)
                        ++result.counts[rng.below(static_cast<std::uint32_t>(n))];
                }
                result.tree = growForestTree(data, result.counts, params, rng, &result.leafOfRow);
                std::lock_guard lock(mutex);
                result.ready = true;
                slots[static_cast<std::size_t>(t)] = std::move(result);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(workers));
    for (int w = 0; w < workers; ++w)
        pool.emplace_back(work);
    auto stopWorkers = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        for (auto& th : pool)
            th.join();
        pool.clear();
    };

    // Running sums over the reported trees: every row's prediction (train
    // loss) and its out-of-bag prediction.
    const auto width = static_cast<std::size_t>(k);
    std::vector<double> trainSum(n * width, 0.0);
    std::vector<double> oobSum(oob ? n * width : 0, 0.0);
    std::vector<int> oobVotes(oob ? n : 0, 0);
    // Running sums on the validation set, for a validation loss curve beside
    // the training loss (the same log loss or squared error). Validation
    // rows whose class was not seen in training are left out of the loss.
    const Matrix* validX = ctx.hasValidation() && ctx.validationX->cols() == static_cast<Eigen::Index>(nf)
                               ? ctx.validationX : nullptr;
    const std::size_t nValid = validX ? static_cast<std::size_t>(validX->rows()) : 0;
    std::vector<double> validSum(nValid * width, 0.0);
    std::vector<int> validCode(nValid, -1);
    for (std::size_t r = 0; r < nValid; ++r) {
        const double label = (*ctx.validationY)(static_cast<Eigen::Index>(r));
        if (!classification) {
            validCode[r] = 0;
            continue;
        }
        const auto at = std::find(labels.classes.begin(), labels.classes.end(), label);
        if (at != labels.classes.end())
            validCode[r] = static_cast<int>(at - labels.classes.begin());
    }
    try {
        for (int t = 0; t < nTrees; ++t) {
            if (!ctx.checkpoint())
                break;
            FinishedTree done;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return failure || slots[static_cast<std::size_t>(t)].ready; });
                if (failure)
                    break;
                done = std::move(slots[static_cast<std::size_t>(t)]);
            }
            for (std::size_t r = 0; r < n; ++r) {
                const double* v = done.tree.valueOf(done.leafOfRow[r]);
                for (std::size_t c = 0; c < width; ++c)
                    trainSum[r * width + c] += v[c];
                if (oob && done.counts[r] == 0) {
                    for (std::size_t c = 0; c < width; ++c)
                        oobSum[r * width + c] += v[c];
                    ++oobVotes[r];
                }
            }
            if (validX) {
                const std::vector<int> leaves = done.tree.apply(*validX);
                for (std::size_t r = 0; r < nValid; ++r) {
                    const double* v = done.tree.valueOf(leaves[r]);
                    for (std::size_t c = 0; c < width; ++c)
                        validSum[r * width + c] += v[c];
                }
            }
            appendTree(std::move(done.tree), 1.0, 0);
            {
                std::lock_guard lock(mutex);
                reported = t + 1;
            }
            changed.notify_all();

            TrainStep step;
            step.step = t + 1;
            step.totalSteps = nTrees;
            const double trees = static_cast<double>(t + 1);
            double loss = 0;
            for (std::size_t r = 0; r < n; ++r) {
                if (classification) {
                    const double p = trainSum[r * width + static_cast<std::size_t>(labels.codes[r])] / trees;
                    loss -= std::log(std::clamp(p, 1e-15, 1.0));
                } else {
                    const double d = trainSum[r] / trees - y(static_cast<Eigen::Index>(r));
                    loss += d * d;
                }
            }
            step.trainLoss = loss / static_cast<double>(n);
            if (validX) {
                double validLoss = 0;
                std::size_t scored = 0;
                for (std::size_t r = 0; r < nValid; ++r) {
                    if (validCode[r] < 0)
                        continue;
                    ++scored;
                    if (classification) {
                        const double p = validSum[r * width + static_cast<std::size_t>(validCode[r])] / trees;
                        validLoss -= std::log(std::clamp(p, 1e-15, 1.0));
                    } else {
                        const double d = validSum[r] / trees - (*ctx.validationY)(static_cast<Eigen::Index>(r));
                        validLoss += d * d;
                    }
                }
                if (scored > 0)
                    step.validationLoss = validLoss / static_cast<double>(scored);
            }
            if (oob) {
                double err = 0, sst = 0, mean = 0;
                std::size_t scored = 0;
                for (std::size_t r = 0; r < n; ++r)
                    if (oobVotes[r] > 0) {
                        ++scored;
                        mean += y(static_cast<Eigen::Index>(r));
                    }
                mean /= static_cast<double>(std::max<std::size_t>(1, scored));
                for (std::size_t r = 0; r < n; ++r) {
                    if (oobVotes[r] == 0)
                        continue;
                    const double* s = oobSum.data() + r * width;
                    if (classification) {
                        const auto best = static_cast<int>(std::max_element(s, s + width) - s);
                        err += best != labels.codes[r] ? 1.0 : 0.0;
                    } else {
                        const double d = s[0] / oobVotes[r] - y(static_cast<Eigen::Index>(r));
                        const double e = y(static_cast<Eigen::Index>(r)) - mean;
                        err += d * d;
                        sst += e * e;
                    }
                }
                if (scored > 0) {
                    const double oobError = err / static_cast<double>(scored);
                    step.metrics["oob_error"] = oobError;
                    m_oobScore = classification ? 1.0 - oobError : (sst > 0 ? 1.0 - err / sst : 0.0);
                }
            }
            ctx.report(step, *this);
        }
    } catch (...) {
        stopWorkers();
        resetModel(nf, {}, {});  // no half-trained forest after a failure
        throw;
    }
    stopWorkers();
    if (failure) {
        resetModel(nf, {}, {});
        std::rethrow_exception(failure);
    }
    setFitted(!trees().empty());
}

Matrix RandomForestClassifier::predictProba(const Matrix& X) const
{
    return averagedOutput(X);
}

Vector RandomForestClassifier::predict(const Matrix& X) const
{
    return argmaxLabels(predictProba(X), classes());
}

Vector RandomForestRegressor::predict(const Matrix& X) const
{
    return averagedOutput(X).col(0);
}

}  // namespace dslab
