// The threshold lab (lesson 15): one slider drives the confusion matrix, the
// metrics and the points on the ROC and PR curves, without retraining; and
// the lesson's claims hold on the lab's own numbers: lowering the threshold
// raises recall and lowers precision, the best F1 sits below 0.5, F2 prefers
// a lower threshold than F1, and a rarer positive class lowers the best F1.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/labs/threshold_lab.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

class TestThresholdLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void oneSliderDrivesEveryView()
    {
        ThresholdLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("precision-recall-f1", -1));
        QCOMPARE(lab.knobs()->names(), QStringList{"C"});
        QVERIFY(lab.runStepsBlocking(1, 60000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        QCOMPARE(lab.threshold(), 0.5);
        QVERIFY(lab.rocView()->hasData() && lab.prView()->hasData());
        QVERIFY(lab.rocView()->hasCurrentPoint());
        // The counts add up to the held-out rows, and F1 = 2TP / (2TP + FP + FN).
        QCOMPARE(m["tp"] + m["fp"] + m["fn"] + m["tn"], 1000.0);
        QVERIFY(std::abs(m["f_beta"] - 2 * m["tp"] / (2 * m["tp"] + m["fp"] + m["fn"])) < 1e-12);
        QCOMPARE(lab.confusionView()->count(1, 1), m["tp"]);
        QVERIFY(m["accuracy"] > 0.9);  // carried by the true negatives
        QVERIFY(std::abs(m["positive_rate"] - 0.1) < 0.03);
        const double precisionAt05 = m["precision"], recallAt05 = m["recall"];
        const QPointF rocAt05 = lab.rocView()->currentPoint();

        lab.setThreshold(0.2);
        QVERIFY(!lab.session()->isRunning());  // moving the threshold never retrains
        m = lab.measurements();
        QVERIFY(m["recall"] > recallAt05);
        QVERIFY(m["precision"] < precisionAt05);
        QVERIFY(lab.rocView()->currentPoint() != rocAt05);

        qInfo() << "best F1 threshold" << m["best_threshold"] << "best F1" << m["best_f_beta"];
        QVERIFY(m["best_threshold"] < 0.5);
        const double bestF1Threshold = m["best_threshold"], bestF1 = m["best_f_beta"];
        lab.setBeta(2.0);
        QVERIFY(lab.measurements()["best_threshold"] < bestF1Threshold);
        lab.setBeta(0.5);
        QVERIFY(lab.measurements()["best_threshold"] > bestF1Threshold);

        // A rarer positive class: the PR baseline drops and the best F1 falls.
        lab.applyPreset(test::lessonPreset("precision-recall-f1", 4));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        m = lab.measurements();
        qInfo() << "99:1 best F1" << m["best_f_beta"] << "at" << m["best_threshold"];
        QVERIFY(m["positive_rate"] < 0.03);
        QVERIFY(m["best_f_beta"] < bestF1);
    }
};

QTEST_MAIN(TestThresholdLab)
#include "test_threshold_lab.moc"
