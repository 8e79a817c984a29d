// The learning-curve lab (lesson 14): the sample-size curve is the engine's
// cross-validated learning curve and the epoch curve is the model's own
// per-step loss, and the lesson's claims hold on the lab's numbers: a
// logistic regression on the moons plateaus early with a small gap (high
// bias); an unpruned tree keeps a wide gap (high variance); depth 4 trades
// training fit for validation; the epoch curve's validation loss has a
// minimum well before the end, and an L2 penalty makes the run end lower.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/learning_curve_lab.h"
#include "ui/session/training_session.h"

#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> runStep(LearningCurveLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("learning-curves", step));
    if (!lab.errorText().isEmpty())
        qFatal("step %d: %s", step + 1, qPrintable(lab.errorText()));
    if (!lab.runStepsBlocking(1, 120000))
        qFatal("step %d did not finish: %s", step + 1, qPrintable(lab.errorText()));
    const auto m = lab.measurements();
    qInfo() << "step" << step + 1 << m;
    return m;
}

}  // namespace

class TestLearningCurveLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sampleSizeCurves()
    {
        LearningCurveLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        auto m = runStep(lab, 0);
        QCOMPARE(lab.curveKind(), QString("train_size"));
        QCOMPARE(lab.chart()->pointCount(0), 6);
        QCOMPARE(lab.chart()->pointCount(1), 6);
        // High bias: both near 0.85, close together, flat.
        QVERIFY(std::abs(m["final_validation_score"] - 0.85) < 0.04);
        QVERIFY(std::abs(m["gap"]) < 0.03);
        QVERIFY(lab.diagnosis().contains("High bias"));

        m = runStep(lab, 1);  // unpruned tree
        for (int i = 0; i < lab.chart()->pointCount(0); ++i)
            QCOMPARE(lab.chart()->point(0, i).y(), 1.0);
        QVERIFY(m["gap"] > 0.1);
        QVERIFY(m["first_gap"] > m["gap"]);  // the gap narrows with more rows
        QVERIFY(lab.diagnosis().contains("High variance"));
        const double deepValidation = m["final_validation_score"];

        m = runStep(lab, 2);  // max_depth 4
        QVERIFY(m["final_train_score"] < 1.0);
        QVERIFY(m["final_validation_score"] > deepValidation - 0.01);  // as good on new data
        QVERIFY(m["gap"] < 0.03);
    }

    void epochCurve()
    {
        LearningCurveLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        auto m = runStep(lab, 3);
        QCOMPARE(lab.curveKind(), QString("epochs"));
        QVERIFY(m["epochs"] > 50);
        QCOMPARE(lab.chart()->pointCount(0), static_cast<int>(m["epochs"]));
        // Validation loss bottoms out early, then climbs while training loss keeps falling.
        QVERIFY(m["best_epoch"] <= 15);
        QVERIFY(m["best_validation_loss"] > 0.25 && m["best_validation_loss"] < 0.4);
        QVERIFY(m["final_validation_loss"] > 3 * m["best_validation_loss"]);
        QVERIFY(m["final_train_loss"] < 0.01);
        QVERIFY(lab.chart()->hasMarker("best"));
        QCOMPARE(lab.chart()->markerX("best"), m["best_epoch"]);
        const double plainFinal = m["final_validation_loss"], plainTrain = m["final_train_loss"];
        const double plainBest = m["best_epoch"];

        m = runStep(lab, 4);  // L2 penalty on the leaf weights
        QVERIFY(m["best_epoch"] > 2 * plainBest);
        QVERIFY(m["final_validation_loss"] < 0.5 && m["final_validation_loss"] < plainFinal / 2);
        QVERIFY(m["final_validation_loss"] - m["best_validation_loss"] < 0.1);  // stays almost flat after its minimum
        QVERIFY(m["final_train_loss"] > 10 * plainTrain);
    }
};

QTEST_MAIN(TestLearningCurveLab)
#include "test_learning_curve_lab.moc"
