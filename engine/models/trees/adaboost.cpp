#include "engine/models/trees/adaboost.h"

#include "engine/core/errors.h"
#include "engine/models/trees/cart_builder.h"
#include "engine/models/trees/decision_tree.h"
#include "engine/models/trees/tree_input.h"
#include "engine/models/trees/tree_params.h"
#include "engine/models/trees/tree_random.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

const std::vector<ParamSpec>& AdaBoostClassifier::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_estimators", 50, 1, 10000, "Boosting rounds (weak learners)"),
        ParamSpec::floating("learning_rate", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                            "Shrinks each learner's vote; smaller needs more rounds")
            .exclusiveMin()
            .logarithmic(),
        ParamSpec::integer("max_depth", 1, 1, 100, "Depth of each weak learner (1 = decision stumps)"),
        treeparams::classificationCriterion(),
    };
    return specs;
}

void AdaBoostClassifier::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    checkFitInput(X, y);
    const LabelCodes labels = encodeLabels(y, typeName());
    const int k = static_cast<int>(labels.classes.size());
    const int rounds = static_cast<int>(paramInt("n_estimators"));
    const double learningRate = paramDouble("learning_rate");
    TreeGrowthParams growth;
    const std::string criterion = paramString("criterion");
    growth.criterion = criterion == "gini" ? SplitCriterion::Gini : SplitCriterion::Entropy;
    growth.maxDepth = static_cast<int>(paramInt("max_depth"));

    resetModel(static_cast<int>(X.cols()), std::vector<double>(static_cast<std::size_t>(k), 0.0), labels.classes);
    setPredictThreads(1);
    m_errors.clear();
    const auto n = static_cast<std::size_t>(X.rows());
    std::vector<double> weight(n, 1.0 / static_cast<double>(n));
    std::vector<double> votes(n * static_cast<std::size_t>(k), 0.0);  // weighted votes per training row
    double totalAlpha = 0;
    TreeTarget target;
    target.codes = labels.codes.data();
    target.nClasses = k;

    for (int round = 0; round < rounds; ++round) {
        if (!ctx.checkpoint())
            break;
        const auto seed = static_cast<std::uint32_t>(TreeRandom(ctx.seed, static_cast<std::uint64_t>(round)).next());
        TreeArrays tree = growExactTree(X, target, weight, growth, seed);
        // The tree's class for every training row, and its weighted error.
        const std::vector<int> leaves = tree.apply(X);
        std::vector<int> predicted(n);
        double error = 0, weightSum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double* v = tree.valueOf(leaves[i]);
            predicted[i] = static_cast<int>(std::max_element(v, v + k) - v);
            weightSum += weight[i];
            if (predicted[i] != labels.codes[i])
                error += weight[i];
        }
        error /= weightSum;
        // SAMME (scikit-learn's _boost_discrete): a learner no better than
        // chance ends the boosting; a perfect one gets weight 1 and ends it.
        double alpha = 1.0;
        if (error > 0) {
            if (error >= 1.0 - 1.0 / k) {
                if (trees().empty())
                    throw DataError(typeName()
                                    + ": the first weak learner is no better than random guessing; use deeper "
                                      "trees (max_depth) or check the target");
                break;
            }
            alpha = learningRate * (std::log((1.0 - error) / error) + std::log(k - 1.0));
        }
        appendTree(std::move(tree), alpha, 0, true);
        m_errors.push_back(error);
        totalAlpha += alpha;
        for (std::size_t i = 0; i < n; ++i)
            votes[i * static_cast<std::size_t>(k) + static_cast<std::size_t>(predicted[i])] += alpha;

        TrainStep step;
        step.step = round + 1;
        step.totalSteps = rounds;
        double loss = 0, correct = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double* v = votes.data() + i * static_cast<std::size_t>(k);
            // scikit-learn's SAMME probabilities: softmax of the normalized votes.
            std::vector<double> z(v, v + k);
            if (k == 2) {
                const double d = (v[1] - v[0]) / totalAlpha;
                z = {-d / 2, d / 2};
            } else {
                for (double& zi : z)
                    zi /= totalAlpha * (k - 1);
            }
            const double mx = *std::max_element(z.begin(), z.end());
            double s = 0;
            for (double zi : z)
                s += std::exp(zi - mx);
            loss -= z[static_cast<std::size_t>(labels.codes[i])] - mx - std::log(s);
            correct += (std::max_element(v, v + k) - v) == labels.codes[i] ? 1.0 : 0.0;
        }
        step.trainLoss = loss / static_cast<double>(n);
        step.metrics["train_accuracy"] = correct / static_cast<double>(n);
        step.metrics["estimator_error"] = error;
        step.metrics["estimator_weight"] = alpha;
        ctx.report(step, *this);
        if (error <= 0)
            break;
        // Misclassified rows gain weight exp(alpha); then normalize.
        if (round + 1 < rounds) {
            double sum = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (predicted[i] != labels.codes[i])
                    weight[i] *= std::exp(alpha);
                sum += weight[i];
            }
            if (!std::isfinite(sum) || sum <= 0)
                break;
            for (double& w : weight)
                w /= sum;
        }
    }
    setFitted(!trees().empty());
}

Matrix AdaBoostClassifier::decisionFunction(const Matrix& X) const
{
    checkPredictInput(X);
    Matrix votes = rawOutput(X);
    double total = 0;
    for (std::size_t t = 0; t < trees().size(); ++t)
        total += treeWeight(t);
    votes /= total;
    if (votes.cols() == 2)
        return votes.col(1) - votes.col(0);
    return votes;
}

Matrix AdaBoostClassifier::predictProba(const Matrix& X) const
{
    Matrix d = decisionFunction(X);
    Matrix z;
    if (d.cols() == 1) {
        z.resize(d.rows(), 2);
        z.col(0) = -d.col(0) / 2;
        z.col(1) = d.col(0) / 2;
    } else {
        z = d / static_cast<double>(d.cols() - 1);
    }
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
        const double mx = z.row(i).maxCoeff();
        z.row(i) = (z.row(i).array() - mx).exp();
        z.row(i) /= z.row(i).sum();
    }
    return z;
}

Vector AdaBoostClassifier::predict(const Matrix& X) const
{
    const Matrix d = decisionFunction(X);
    if (d.cols() == 1) {
        Vector labels(d.rows());
        for (Eigen::Index i = 0; i < d.rows(); ++i)
            labels(i) = classes()[d(i, 0) > 0 ? 1 : 0];
        return labels;
    }
    return argmaxLabels(d, classes());
}

std::vector<double> AdaBoostClassifier::featureImportances() const
{
    if (trees().empty())
        throwNotFitted();
    std::vector<double> total(static_cast<std::size_t>(featureCount()), 0.0);
    double weights = 0;
    for (std::size_t t = 0; t < trees().size(); ++t) {
        const auto imp = treeImportances(trees()[t]);
        for (std::size_t f = 0; f < total.size(); ++f)
            total[f] += treeWeight(t) * imp[f];
        weights += treeWeight(t);
    }
    for (double& v : total)
        v /= weights;
    normalizeImportances(total);
    return total;
}

void AdaBoostClassifier::saveExtra(nlohmann::json& out) const
{
    out["estimator_errors"] = m_errors;
}

void AdaBoostClassifier::loadExtra(const nlohmann::json& in)
{
    m_errors = in.at("estimator_errors").get<std::vector<double>>();
    if (m_errors.size() != trees().size())
        throw FormatError(typeName() + " state: estimator_errors does not match the number of trees");
}

}  // namespace dslab
