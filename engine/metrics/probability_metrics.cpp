#include "engine/metrics/probability_metrics.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

namespace dslab {

namespace {

void checkScores(const Vector& yTrue, const Vector& scores, const char* metric)
{
    if (yTrue.size() != scores.size())
        throw DataError(std::string(metric) + ": y_true has " + std::to_string(yTrue.size())
                        + " values but the scores have " + std::to_string(scores.size()));
    if (yTrue.size() == 0)
        throw DataError(std::string(metric) + " needs at least one sample");
    if (!scores.allFinite())
        throw DataError(std::string(metric) + ": the scores contain NaN or infinite values");
}

}  // namespace

PrecisionRecallCurve precisionRecallCurve(const Vector& yTrueBinary, const Vector& scores, double positiveLabel)
{
    checkScores(yTrueBinary, scores, "precision_recall_curve");
    const Eigen::Index n = scores.size();
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores(a) > scores(b); });

    // Cumulative counts at each distinct score, from the highest down.
    std::vector<double> tps, fps, thresholds;
    double tp = 0, fp = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Eigen::Index i = order[k];
        (yTrueBinary(i) == positiveLabel ? tp : fp) += 1;
        if (k + 1 == order.size() || scores(order[k + 1]) != scores(i)) {
            tps.push_back(tp);
            fps.push_back(fp);
            thresholds.push_back(scores(i));
        }
    }
    const auto m = static_cast<Eigen::Index>(thresholds.size());
    PrecisionRecallCurve curve;
    curve.precision.resize(m + 1);
    curve.recall.resize(m + 1);
    curve.thresholds.resize(m);
    // Reversed so thresholds increase and recall decreases, as scikit-learn.
    for (Eigen::Index j = 0; j < m; ++j) {
        const auto k = static_cast<std::size_t>(m - 1 - j);
        const double predicted = tps[k] + fps[k];
        curve.precision(j) = predicted > 0 ? tps[k] / predicted : 0.0;
        curve.recall(j) = tp > 0 ? tps[k] / tp : 1.0;
        curve.thresholds(j) = thresholds[k];
    }
    curve.precision(m) = 1.0;
    curve.recall(m) = 0.0;
    return curve;
}

double averagePrecision(const Vector& yTrueBinary, const Vector& scores, double positiveLabel)
{
    const PrecisionRecallCurve curve = precisionRecallCurve(yTrueBinary, scores, positiveLabel);
    double sum = 0;
    for (Eigen::Index j = 0; j + 1 < curve.recall.size(); ++j)
        sum += (curve.recall(j) - curve.recall(j + 1)) * curve.precision(j);
    return sum;
}

double brierScore(const Vector& yTrueBinary, const Vector& probability, double positiveLabel)
{
    checkScores(yTrueBinary, probability, "brier_score_loss");
    if (probability.maxCoeff() > 1 || probability.minCoeff() < 0)
        throw DataError("brier_score_loss: the probabilities must lie in [0, 1]; pass predict_proba's column of the "
                        "positive class, not decision values");
    const Eigen::ArrayXd outcome = (yTrueBinary.array() == positiveLabel).cast<double>();
    return (outcome - probability.array()).square().mean();
}

}  // namespace dslab
