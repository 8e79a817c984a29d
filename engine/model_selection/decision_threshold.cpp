#include "engine/model_selection/decision_threshold.h"

#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"

#include <algorithm>

namespace dslab {

namespace {

void checkThreshold(double threshold)
{
    if (!(threshold >= 0 && threshold <= 1))
        throw ParamError("a decision threshold is a probability in [0, 1], not " + std::to_string(threshold)
                         + "; for decision values (SVC, decision_function) rescale them to probabilities first");
}

double scoreAt(const Vector& y, const Vector& pred, const std::string& metric)
{
    if (metric == "f1" || metric == "precision" || metric == "recall") {
        const PrecisionRecallF1 s = precisionRecallF1(y, pred, {}, Average::Binary, 1.0);
        return metric == "f1" ? s.f1 : metric == "precision" ? s.precision : s.recall;
    }
    if (metric == "accuracy")
        return accuracy(y, pred);
    if (metric == "balanced_accuracy")
        return balancedAccuracy(y, pred);
    // youden: TPR - FPR
    const PrecisionRecallF1 pos = precisionRecallF1(y, pred, {}, Average::Binary, 1.0);
    const PrecisionRecallF1 neg = precisionRecallF1(y, pred, {}, Average::Binary, 0.0);
    return pos.recall - (1 - neg.recall);
}

}  // namespace

Vector applyThreshold(const Vector& positiveProbability, double threshold)
{
    checkThreshold(threshold);
    return (positiveProbability.array() >= threshold).cast<double>().matrix();
}

ThresholdTuning tuneDecisionThreshold(const Vector& yTrue, const Vector& positiveProbability, const std::string& metric,
                                      const std::vector<double>& candidates)
{
    static const std::vector<std::string> metrics = {"f1", "precision", "recall", "accuracy", "balanced_accuracy", "youden"};
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end())
        throw ParamError("threshold tuning: unknown metric '" + metric
                         + "'; use f1, precision, recall, accuracy, balanced_accuracy or youden");
    if (yTrue.size() != positiveProbability.size() || yTrue.size() == 0)
        throw DataError("threshold tuning needs one probability per label (got " + std::to_string(yTrue.size())
                        + " labels and " + std::to_string(positiveProbability.size()) + " probabilities)");
    if (((yTrue.array() != 0) && (yTrue.array() != 1)).any())
        throw DataError("threshold tuning is for binary problems: the labels must be 0 or 1");
    std::vector<double> tried = candidates;
    if (tried.empty())
        tried.assign(positiveProbability.data(), positiveProbability.data() + positiveProbability.size());
    for (double t : tried)
        checkThreshold(t);
    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end()), tried.end());

    ThresholdTuning out;
    bool first = true;
    for (double t : tried) {
        const double s = scoreAt(yTrue, applyThreshold(positiveProbability, t), metric);
        out.thresholds.push_back(t);
        out.scores.push_back(s);
        if (first || s > out.score) {
            out.threshold = t;
            out.score = s;
            first = false;
        }
    }
    return out;
}

}  // namespace dslab
