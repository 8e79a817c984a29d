#include "engine/pipeline/evaluation.h"

#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/regression_metrics.h"

#include "engine/core/errors.h"

#include <cmath>

namespace dslab {

Evaluation evaluateModel(const Predictor& model, const Matrix& X, const Vector& y, int classCount)
{
    const Vector pred = model.predict(X);
    // Some classifiers give probabilities only on request (SVC probability=false):
    // then AUC and log loss are left out rather than failing the evaluation.
    Matrix proba;
    if (model.isClassifier()) {
        try {
            proba = model.predictProba(X);
        } catch (const ParamError&) {
            proba.resize(0, 0);
        }
    }
    return evaluatePredictions(model.isClassifier(), y, pred, proba, classCount);
}

Evaluation evaluatePredictions(bool classifier, const Vector& y, const Vector& pred, const Matrix& proba,
                               int classCount)
{
    Evaluation out;
    if (!classifier) {
        out.metrics["r2"] = r2Score(y, pred);
        out.metrics["mse"] = meanSquaredError(y, pred);
        out.metrics["mae"] = meanAbsoluteError(y, pred);
        return out;
    }
    for (int k = 0; k < classCount; ++k)
        out.labels.push_back(k);
    out.metrics["accuracy"] = accuracy(y, pred);
    const bool binary = classCount == 2;
    const auto prf = precisionRecallF1(y, pred, out.labels, binary ? Average::Binary : Average::Macro, 1.0);
    out.metrics["precision"] = prf.precision;
    out.metrics["recall"] = prf.recall;
    out.metrics["f1"] = prf.f1;
    out.confusion = confusionMatrix(y, pred, out.labels);
    // AUC and log loss need every class's probability column.
    if (proba.cols() == classCount) {
        bool bothClasses = true;
        if (binary) {
            const double positives = (y.array() == 1.0).count();
            bothClasses = positives > 0 && positives < y.size();
        }
        if (bothClasses)
            out.metrics["roc_auc"] = binary ? rocAuc(y, proba.col(1)) : rocAucOvr(y, proba);
        out.metrics["log_loss"] = logLoss(y, proba);
    }
    return out;
}

}  // namespace dslab
