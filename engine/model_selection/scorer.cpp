#include "engine/model_selection/scorer.h"

#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/probability_metrics.h"
#include "engine/metrics/regression_metrics.h"

#include <cmath>
#include <map>

namespace dslab {

namespace {

// The probability of the positive class (code 1) of a binary classifier.
Vector positiveProbability(const Predictor& model, const Matrix& X, const char* scorer)
{
    const Matrix proba = model.predictProba(X);
    if (proba.cols() != 2)
        throw DataError(std::string(scorer) + " is for two classes but the model gives " + std::to_string(proba.cols())
                        + " probability columns; use roc_auc_ovr or a label-based score such as f1_macro");
    return proba.col(1);
}

using ScoreFn = std::function<double(const Predictor&, const Matrix&, const Vector&)>;

ScoreFn labelScore(std::function<double(const Vector&, const Vector&)> metric)
{
    return [metric](const Predictor& m, const Matrix& X, const Vector& y) { return metric(y, m.predict(X)); };
}

ScoreFn prfScore(Average average, int which)
{
    return labelScore([average, which](const Vector& y, const Vector& p) {
        const PrecisionRecallF1 s = precisionRecallF1(y, p, {}, average, 1.0);
        return which == 0 ? s.precision : which == 1 ? s.recall : s.f1;
    });
}

const std::map<std::string, ScoreFn>& classificationScorers()
{
    static const std::map<std::string, ScoreFn> scorers = [] {
        std::map<std::string, ScoreFn> s;
        s["accuracy"] = labelScore([](const Vector& y, const Vector& p) { return accuracy(y, p); });
        s["balanced_accuracy"] = labelScore([](const Vector& y, const Vector& p) { return balancedAccuracy(y, p); });
        const std::pair<const char*, int> kinds[] = {{"precision", 0}, {"recall", 1}, {"f1", 2}};
        for (const auto& [name, which] : kinds) {
            s[name] = prfScore(Average::Binary, which);
            s[std::string(name) + "_micro"] = prfScore(Average::Micro, which);
            s[std::string(name) + "_macro"] = prfScore(Average::Macro, which);
            s[std::string(name) + "_weighted"] = prfScore(Average::Weighted, which);
        }
        s["roc_auc"] = [](const Predictor& m, const Matrix& X, const Vector& y) {
            return rocAuc(y, positiveProbability(m, X, "roc_auc"));
        };
        s["roc_auc_ovr"] = [](const Predictor& m, const Matrix& X, const Vector& y) {
            return rocAucOvr(y, m.predictProba(X));
        };
        s["average_precision"] = [](const Predictor& m, const Matrix& X, const Vector& y) {
            return averagePrecision(y, positiveProbability(m, X, "average_precision"));
        };
        s["neg_log_loss"] = [](const Predictor& m, const Matrix& X, const Vector& y) {
            return -logLoss(y, m.predictProba(X));
        };
        s["neg_brier_score"] = [](const Predictor& m, const Matrix& X, const Vector& y) {
            return -brierScore(y, positiveProbability(m, X, "neg_brier_score"));
        };
        return s;
    }();
    return scorers;
}

const std::map<std::string, ScoreFn>& regressionScorers()
{
    static const std::map<std::string, ScoreFn> scorers = {
        {"r2", labelScore([](const Vector& y, const Vector& p) { return r2Score(y, p); })},
        {"neg_mean_squared_error", labelScore([](const Vector& y, const Vector& p) { return -meanSquaredError(y, p); })},
        {"neg_root_mean_squared_error",
         labelScore([](const Vector& y, const Vector& p) { return -std::sqrt(meanSquaredError(y, p)); })},
        {"neg_mean_absolute_error", labelScore([](const Vector& y, const Vector& p) { return -meanAbsoluteError(y, p); })},
    };
    return scorers;
}

}  // namespace

StringList scorerNames()
{
    StringList names;
    for (const auto& [name, fn] : classificationScorers())
        names.push_back(name);
    for (const auto& [name, fn] : regressionScorers())
        names.push_back(name);
    return names;
}

Scorer makeScorer(const std::string& name, bool classifier)
{
    const std::string used = name.empty() ? (classifier ? "accuracy" : "r2") : name;
    const auto& own = classifier ? classificationScorers() : regressionScorers();
    if (const auto it = own.find(used); it != own.end())
        return {used, it->second};
    const auto& other = classifier ? regressionScorers() : classificationScorers();
    if (other.count(used))
        throw ParamError("scoring '" + used + "' is for " + (classifier ? "regressors" : "classifiers") + " but the model is a "
                         + (classifier ? "classifier" : "regressor") + "; use e.g. '" + (classifier ? "accuracy" : "r2")
                         + "'");
    std::string known;
    for (const auto& n : scorerNames())
        known += (known.empty() ? "" : ", ") + n;
    throw ParamError("unknown scoring '" + used + "'; known scorings are: " + known);
}

}  // namespace dslab
