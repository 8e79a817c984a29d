// The bias-variance lab (lesson 10) on the lesson's presets: the bootstrap
// fits are drawn with their average, bias² dominates at degree 1 and variance
// at degree 10, bias² + variance + noise adds up to the measured error, the
// total is U-shaped over the degrees above a noise floor, more samples shrink
// the variance but not the bias², and more noise raises the floor and the
// variance. Every number is the lab's own.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/complexity_curve_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/fit_curve_view.h"
#include "ui/labs/bias_variance_lab.h"
#include "ui/session/training_session.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> sweep(BiasVarianceLab& lab, const QJsonObject& preset)
{
    lab.applyPreset(preset);
    if (!lab.runStepsBlocking(1, 120000))
        qWarning() << "the run failed:" << lab.errorText();
    const auto m = lab.measurements();
    for (double d : lab.complexity().numbers)
        qInfo() << "  degree" << d << "bias2" << m[QString("bias2_at_%1").arg(d)] << "variance"
                << m[QString("variance_at_%1").arg(d)] << "total" << m[QString("total_at_%1").arg(d)];
    qInfo() << "  noise" << m["noise"] << "best degree" << m["best_value"];
    return m;
}

}  // namespace

class TestBiasVarianceLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void degreeOneVersusTen()
    {
        BiasVarianceLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        auto m = sweep(lab, test::lessonPreset("bias-variance", 0));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.fitView()->spreadCount(), 50);
        QVERIFY(lab.fitView()->hasFit());
        QCOMPARE(lab.barView()->barValues().size(), std::size_t(4));
        QVERIFY(lab.curveView()->hasData());
        // Degree 1: the bias² bar dwarfs the variance bar.
        QCOMPARE(m["complexity"], 1.0);
        QVERIFY(m["bias2"] > 5 * m["variance"]);
        // The decomposition adds up, up to the cross terms of one finite test sample.
        QVERIFY(std::abs(m["bias2"] + m["variance"] + m["noise"] - m["total"]) < 0.15 * m["total"]);
        // The noise estimate is close to noise² = 0.09.
        QVERIFY(std::abs(m["noise"] - 0.09) < 0.03);

        // Degree 10 (the slider refits on the worker): variance dominates, bias is small.
        lab.setComplexityIndex(static_cast<int>(lab.complexity().numbers.indexOf(10.0)));
        QVERIFY(QTest::qWaitFor([&] { return !lab.session()->isRunning(); }, 60000));
        QCoreApplication::processEvents();
        m = lab.measurements();
        qInfo() << "degree 10: bias2" << m["bias2"] << "variance" << m["variance"];
        QCOMPARE(m["complexity"], 10.0);
        // The fits fan out so wildly near the ends that their average is dragged
        // off too, but the variance still outweighs the bias² many times.
        QVERIFY(m["variance"] > 20 * m["bias2"]);
        QVERIFY(m["variance"] > 1000 * m["variance_at_1"]);

        // The sweep: bias² drops sharply by degree 3 and stays small to degree 6,
        // variance stays small and then climbs steeply, the total is U-shaped above the noise floor.
        QVERIFY(m["bias2_at_3"] < m["bias2_at_1"] / 3);
        for (int d = 3; d <= 6; ++d)
            QVERIFY(m[QString("bias2_at_%1").arg(d)] < m["bias2_at_1"] / 2);
        QVERIFY(m["variance_at_4"] < 2 * m["variance_at_1"]);
        QVERIFY(m["variance_at_8"] > 100 * m["variance_at_4"]);
        QVERIFY(m["best_value"] >= 3 && m["best_value"] <= 5);
        for (double d : lab.complexity().numbers)
            QVERIFY(m[QString("total_at_%1").arg(d)] > m["noise"]);
    }

    void moreSamplesShrinkVarianceOnly()
    {
        BiasVarianceLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        qInfo() << "25 samples, noise 0.3";
        const auto small = sweep(lab, test::lessonPreset("bias-variance", 2));
        qInfo() << "200 samples, noise 0.3";
        const auto large = sweep(lab, test::lessonPreset("bias-variance", 3));
        for (double d : lab.complexity().numbers) {
            const QString k = QString::number(d);
            QVERIFY2(large["variance_at_" + k] < small["variance_at_" + k], qPrintable(k));
        }
        // Bias² of the line is unchanged: a line is still a line.
        QVERIFY(std::abs(large["bias2_at_1"] - small["bias2_at_1"]) < 0.15 * small["bias2_at_1"]);
        QVERIFY(large["best_value"] > small["best_value"]);  // the bottom of the U moves right

        qInfo() << "25 samples, noise 0.6";
        const auto noisy = sweep(lab, test::lessonPreset("bias-variance", 4));
        QVERIFY(noisy["noise"] > 2 * small["noise"]);
        for (double d : lab.complexity().numbers) {
            const QString k = QString::number(d);
            QVERIFY2(noisy["variance_at_" + k] > small["variance_at_" + k], qPrintable(k));
        }
        QVERIFY(noisy["best_value"] <= small["best_value"]);
        QVERIFY(noisy["total_at_5"] > 3 * small["total_at_5"]);  // going past the optimum costs more
    }

    void cancelStopsTheSweep()
    {
        BiasVarianceLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("bias-variance", 0));
        lab.fitsBox()->setValue(500);
        QSignalSpy finished(lab.session(), &TrainingSession::finished);
        lab.trainToEnd();
        QVERIFY(lab.session()->isRunning());
        lab.session()->cancel();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QVERIFY(lab.errorText().isEmpty());
        QVERIFY(!lab.measurements().contains("best_value"));  // the sweep did not finish
    }
};

QTEST_MAIN(TestBiasVarianceLab)
#include "test_bias_variance_lab.moc"
