#include "ui/labs/binary_metrics.h"

#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/probability_metrics.h"

namespace dslab {

Vector labelsAtThreshold(const Vector& positive, double threshold)
{
    return (positive.array() >= threshold).cast<double>().matrix();
}

BinaryMetrics binaryMetrics(const Vector& truth, const Vector& positive, const Vector& predicted)
{
    BinaryMetrics m;
    for (Eigen::Index i = 0; i < truth.size(); ++i) {
        const bool p = predicted(i) == 1.0, t = truth(i) == 1.0;
        (p ? (t ? m.tp : m.fp) : (t ? m.fn : m.tn)) += 1;
    }
    m.accuracy = dslab::accuracy(truth, predicted);
    m.balancedAccuracy = balancedAccuracy(truth, predicted);
    // Labels {0, 1} named, so a prediction of one class only still counts as binary.
    const PrecisionRecallF1 prf = precisionRecallF1(truth, predicted, {0.0, 1.0}, Average::Binary, 1.0);
    m.precision = prf.precision;
    m.recall = prf.recall;
    m.f1 = prf.f1;
    m.mcc = matthewsCorrcoef(truth, predicted);
    const bool bothClasses = m.tp + m.fn > 0 && m.fp + m.tn > 0;
    if (bothClasses)
        m.rocAuc = rocAuc(truth, positive);
    m.averagePrecision = averagePrecision(truth, positive);
    Matrix proba(positive.size(), 2);
    proba.col(0) = (1.0 - positive.array()).matrix();
    proba.col(1) = positive;
    m.logLoss = logLoss(truth, proba);
    m.brier = brierScore(truth, positive);
    return m;
}

}  // namespace dslab
