// The complexity lab (lesson 8) on the lesson's own presets: the validation
// curve is U-shaped (training error falls, test error has an interior
// minimum), degree 15 on 20 points overfits and 300 points cure it, Ridge
// calms degree 15 and a huge alpha underfits, noise is what overfitting fits,
// and a deep tree on moons reaches 100% training accuracy while its test
// accuracy peaks at a moderate depth. Every number is the lab's own.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/complexity_curve_view.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/fit_curve_view.h"
#include "ui/labs/complexity_lab.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QDoubleSpinBox>
#include <QSlider>
#include <QStandardPaths>
#include <QTest>

using namespace dslab;

namespace {

int indexOf(const ComplexityLab& lab, double value)
{
    return static_cast<int>(lab.complexity().numbers.indexOf(value));
}

// Moves the slider and waits for the one refit on the worker.
QMap<QString, double> at(ComplexityLab& lab, double value)
{
    lab.setComplexityIndex(indexOf(lab, value));
    if (!lab.session()->isRunning() && lab.measurements().value("complexity") == value)
        return lab.measurements();
    [&] { QVERIFY(QTest::qWaitFor([&] { return !lab.session()->isRunning(); }, 30000)); }();
    QCoreApplication::processEvents();
    return lab.measurements();
}

}  // namespace

class TestComplexityLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void validationCurveIsU()
    {
        ComplexityLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("overfitting", 0));
        QCOMPARE(lab.complexity().count(), 15);
        QCOMPARE(lab.complexityIndex(), 0);  // the step starts at degree 1
        QVERIFY(lab.runStepsBlocking(1, 60000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        QVERIFY(lab.fitView()->hasFit());
        QVERIFY(lab.curveView()->hasData());
        qInfo() << "20 points, noise 0.3: best degree" << m["best_value"] << "best test MSE" << m["best_test_error"];
        for (int d = 1; d <= 15; ++d)
            qInfo() << "degree" << d << "train" << m[QString("train_error_at_%1").arg(d)] << "test"
                    << m[QString("test_error_at_%1").arg(d)];
        // Degree 1 underfits: both errors high and close together.
        QVERIFY(m["test_error_at_1"] > 2 * m["best_test_error"]);
        QVERIFY(m["train_error_at_1"] > 0.5 * m["test_error_at_1"]);
        // The bottom of the U at degree 3-5 ...
        QVERIFY(m["best_value"] >= 3 && m["best_value"] <= 5);
        // ... training error keeps shrinking while test error shoots up.
        QVERIFY(m["train_error_last"] < 0.5 * m["train_error_at_5"]);
        QVERIFY(m["test_error_last"] > 10 * m["best_test_error"]);
        QVERIFY(m["test_error_at_9"] > 2 * m["best_test_error"]);
        QVERIFY(m["test_error_at_14"] > 100 * m["best_test_error"]);

        // Moving the slider refits one model on the worker; the sweep stays.
        m = at(lab, 15);
        QCOMPARE(m["complexity"], 15.0);
        QCOMPARE(m["test_error"], m["test_error_at_15"]);
        QVERIFY(m["test_error"] > 10 * m["best_test_error"]);
        const double test15 = m["test_error"], best20 = m["best_test_error"];

        // Step 2: 300 samples tame degree 15.
        lab.applyPreset(test::lessonPreset("overfitting", 1));
        QCOMPARE(lab.complexity().numbers.value(lab.complexityIndex()), 15.0);
        QVERIFY(lab.runStepsBlocking(1, 60000));
        m = lab.measurements();
        qInfo() << "300 points, degree 15: test" << m["test_error"] << "(20 points:" << test15 << ") best" << m["best_test_error"]
                << "at" << m["best_value"];
        QVERIFY(m["test_error"] < test15 / 10);
        QVERIFY(m["test_error"] < 1.5 * best20);
        QVERIFY(m["test_error"] < 0.12);
        QVERIFY(m["test_error"] < 1.2 * m["best_test_error"]);
    }

    void ridgeCalmsDegree15()
    {
        ComplexityLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("overfitting", 0));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        const auto ols = at(lab, 15);
        lab.applyPreset(test::lessonPreset("overfitting", 2));
        QCOMPARE(lab.knobs()->names(), QStringList{"alpha"});
        QCOMPARE(lab.complexity().numbers.value(lab.complexityIndex()), 15.0);
        QVERIFY(lab.runStepsBlocking(1, 60000));
        auto m = lab.measurements();
        qInfo() << "degree 15: least squares train" << ols["train_error"] << "test" << ols["test_error"]
                << "; Ridge(1) train" << m["train_error"] << "test" << m["test_error"];
        QVERIFY(m["train_error"] > ols["train_error"]);
        QVERIFY(m["test_error"] < ols["test_error"] / 10);
        const auto ridge1 = m;
        // A huge penalty flattens the curve: both errors rise (the knob refits at once).
        lab.knobs()->setValue("alpha", 1000.0);
        QVERIFY(QTest::qWaitFor([&] { return !lab.session()->isRunning(); }, 30000));
        QCoreApplication::processEvents();
        m = lab.measurements();
        qInfo() << "Ridge(1000) train" << m["train_error"] << "test" << m["test_error"];
        QVERIFY(m["train_error"] > 2 * ridge1["train_error"]);
        QVERIFY(m["test_error"] > ridge1["test_error"]);
    }

    void noiseIsWhatOverfittingFits()
    {
        ComplexityLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("overfitting", 3));
        QCOMPARE(lab.complexity().numbers.value(lab.complexityIndex()), 9.0);
        QVERIFY(lab.runStepsBlocking(1, 60000));
        auto m = lab.measurements();
        qInfo() << "noise 0, degree 9: train" << m["train_error"] << "test" << m["test_error"];
        for (int d = 1; d <= 15; ++d)
            qInfo() << "  noise 0 degree" << d << "test" << m[QString("test_error_at_%1").arg(d)];
        QVERIFY(m["train_error"] < 1e-4);
        QVERIFY(m["test_error"] < 1e-3);
        for (int d = 5; d <= 15; ++d)  // low across most of the range
            QVERIFY(m[QString("test_error_at_%1").arg(d)] < 1e-3);
        const double quiet = m["test_error"];
        // Raise the noise to 0.6: the same degree overfits badly.
        lab.dataControls()->noiseBox()->setValue(0.6);
        QVERIFY(QTest::qWaitFor([&] { return !lab.session()->isRunning() && lab.measurements().contains("best_value"); }, 30000));
        m = lab.measurements();
        qInfo() << "noise 0.6, degree 9: train" << m["train_error"] << "test" << m["test_error"] << "best"
                << m["best_test_error"] << "at" << m["best_value"];
        QVERIFY(m["test_error"] > 10 * quiet);
        QVERIFY(m["test_error"] > 2 * m["best_test_error"]);
    }

    void treeDepthOnMoons()
    {
        ComplexityLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("overfitting", 4));
        QCOMPARE(lab.complexity().name(), QString("max_depth"));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.boundaryView()->hasField());
        auto m = lab.measurements();
        for (double d : lab.complexity().numbers)
            qInfo() << "max_depth" << d << "train acc" << 1 - m[QString("train_error_at_%1").arg(d)] << "test acc"
                    << 1 - m[QString("test_error_at_%1").arg(d)];
        qInfo() << "best depth" << m["best_value"];
        QCOMPARE(m["train_error_last"], 0.0);  // 100% training accuracy
        QVERIFY(m["best_value"] >= 4 && m["best_value"] <= 6);
        QVERIFY(m["test_error_last"] > m["best_test_error"]);
        QVERIFY(m.contains("test_accuracy"));
    }
};

QTEST_MAIN(TestComplexityLab)
#include "test_complexity_lab.moc"
