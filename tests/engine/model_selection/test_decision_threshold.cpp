// Decision-threshold tuning on validation probabilities: the threshold that
// maximises F1 (checked against a brute-force scan), other metrics, and
// ParamError for thresholds outside [0, 1] or an unknown metric.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/decision_threshold.h"

#include <QtTest>

using namespace dslab;

namespace {

Vector vec(std::initializer_list<double> values)
{
    Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values)
        v(i++) = x;
    return v;
}

// An imbalanced validation set whose positives score low-ish: 0.5 misses most.
const Vector kY = vec({0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1});
const Vector kP = vec({0.05, 0.1, 0.1, 0.2, 0.15, 0.3, 0.25, 0.05, 0.35, 0.4, 0.6, 0.45, 0.3, 0.02, 0.12, 0.28});

}  // namespace

class TestDecisionThreshold : public QObject {
    Q_OBJECT

private slots:
    void bestF1Threshold()
    {
        const ThresholdTuning t = tuneDecisionThreshold(kY, kP);
        double best = -1, bestThreshold = 0;
        for (Eigen::Index i = 0; i < kP.size(); ++i) {
            const double f1 = precisionRecallF1(kY, (kP.array() >= kP(i)).cast<double>().matrix()).f1;
            if (f1 > best || (f1 == best && kP(i) < bestThreshold)) {
                best = f1;
                bestThreshold = kP(i);
            }
        }
        QCOMPARE(t.score, best);
        QCOMPARE(t.threshold, bestThreshold);
        QCOMPARE(t.threshold, 0.28);
        QVERIFY(t.score > precisionRecallF1(kY, applyThreshold(kP, 0.5)).f1);
        QCOMPARE(t.thresholds.size(), t.scores.size());
        QVERIFY(std::is_sorted(t.thresholds.begin(), t.thresholds.end()));
    }

    void otherMetricsAndCandidates()
    {
        const ThresholdTuning recall = tuneDecisionThreshold(kY, kP, "recall", {0.1, 0.5, 0.9});
        QCOMPARE(recall.threshold, 0.1);
        QCOMPARE(recall.score, 1.0);
        const ThresholdTuning acc = tuneDecisionThreshold(kY, kP, "accuracy");
        QCOMPARE(acc.score, accuracy(kY, applyThreshold(kP, acc.threshold)));
        QVERIFY(tuneDecisionThreshold(kY, kP, "youden").score > 0.5);
    }

    void badThresholdsAreParamErrors()
    {
        QVERIFY_THROWS_EXCEPTION(ParamError, applyThreshold(kP, 1.5));
        QVERIFY_THROWS_EXCEPTION(ParamError, applyThreshold(kP, -0.1));
        QVERIFY_THROWS_EXCEPTION(ParamError, tuneDecisionThreshold(kY, kP, "f1", {0.2, 2.0}));
        QVERIFY_THROWS_EXCEPTION(ParamError, tuneDecisionThreshold(kY, kP, "auc"));
        QVERIFY_THROWS_EXCEPTION(DataError, tuneDecisionThreshold(kY.head(3), kP));
        QVERIFY_THROWS_EXCEPTION(DataError, tuneDecisionThreshold((kY * 2).eval(), kP));
        QCOMPARE(applyThreshold(kP, 0.0), Vector(Vector::Ones(kP.size())));
    }
};

QTEST_GUILESS_MAIN(TestDecisionThreshold)
#include "test_decision_threshold.moc"
