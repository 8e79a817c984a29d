// The regularization-path lab (lesson 11): every point of the path is a real
// fit and a real cross-validation, and the lesson's claims hold on the lab's
// numbers: the lasso path on standardized diabetes is empty above alpha ~ 44,
// bmi enters first and s5 next, and only those two are non-zero at alpha 30;
// ridge never sets a coefficient to exactly zero, and at its weak end s1 and
// s2 are large with opposite signs; on raw units the lasso drops s5 early;
// an L1 logistic regression on breast_cancer keeps few of its 30 features at
// small C and is near its best accuracy around C = 0.1.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/regularization_path_lab.h"
#include "ui/session/training_session.h"

#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

void runStep(RegularizationPathLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("regularization", step));
    if (!lab.errorText().isEmpty())
        qFatal("step %d: %s", step + 1, qPrintable(lab.errorText()));
    if (!lab.runStepsBlocking(1, 240000))
        qFatal("step %d did not finish: %s", step + 1, qPrintable(lab.errorText()));
    qInfo() << "step" << step + 1 << lab.measurements();
}

int nearestIndex(const RegularizationPathLab& lab, double value)
{
    int best = 0;
    for (int i = 1; i < lab.pathSize(); ++i)
        if (std::abs(std::log(lab.pathValue(i) / value)) < std::abs(std::log(lab.pathValue(best) / value)))
            best = i;
    return best;
}

QStringList nonzeroAt(const RegularizationPathLab& lab, int index)
{
    QStringList out;
    const auto c = lab.coefficientsAt(index);
    for (std::size_t j = 0; j < c.size(); ++j)
        if (c[j] != 0.0)
            out << lab.featureNames()[static_cast<int>(j)];
    return out;
}

// The order in which features first become non-zero, walking from the strong end.
QStringList entryOrder(const RegularizationPathLab& lab, bool strongIsLarge)
{
    QStringList order;
    for (int k = 0; k < lab.pathSize(); ++k) {
        const int i = strongIsLarge ? lab.pathSize() - 1 - k : k;
        for (const QString& f : nonzeroAt(lab, i))
            if (!order.contains(f))
                order << f;
    }
    return order;
}

}  // namespace

class TestRegularizationPathLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void lassoSelectsRidgeShrinks()
    {
        RegularizationPathLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 700);
        lab.show();
        runStep(lab, 0);
        auto m = lab.measurements();
        QCOMPARE(m["path_points"], 60.0);
        QCOMPARE(lab.pathView()->seriesCount(), 10);
        QCOMPARE(lab.pathView()->pointCount(0), 60);
        qInfo() << "lasso: all zero above" << m["all_zero_above"] << "entry order" << entryOrder(lab, true);
        QVERIFY(m["all_zero_above"] > 35 && m["all_zero_above"] < 55);
        QCOMPARE(m["max_zero_count"], 10.0);
        QCOMPARE(m["min_zero_count"], 0.0);
        const QStringList order = entryOrder(lab, true);
        QCOMPARE(order.mid(0, 2), (QStringList{"bmi", "s5"}));
        // Where bp and s3 enter: the largest alpha at which each is non-zero.
        for (const QString& f : {QString("bp"), QString("s3")}) {
            double enter = 0;
            for (int i = 0; i < lab.pathSize(); ++i)
                if (nonzeroAt(lab, i).contains(f))
                    enter = lab.pathValue(i);
            qInfo() << f << "enters at alpha" << enter;
            QVERIFY(enter > (f == "bp" ? 15 : 10) && enter < (f == "bp" ? 30 : 20));
        }
        const int at30 = nearestIndex(lab, 30);
        qInfo() << "alpha" << lab.pathValue(at30) << "non-zero" << nonzeroAt(lab, at30);
        QCOMPARE(nonzeroAt(lab, at30), (QStringList{"bmi", "s5"}));
        // The slider reads the counter off the path.
        lab.setCurrentValue(30);
        QCOMPARE(lab.measurements()["nonzero_coefficients"], 2.0);
        QVERIFY(lab.barsView()->hasData());
        // Walking from strong to weak, the zero count never goes up.
        int previous = 10;
        for (int i = lab.pathSize() - 1; i >= 0; --i) {
            const auto c = lab.coefficientsAt(i);
            const int zeros = static_cast<int>(std::count(c.begin(), c.end(), 0.0));
            QVERIFY2(zeros <= previous + 1, qPrintable(QString("alpha %1").arg(lab.pathValue(i))));
            previous = zeros;
        }
        QVERIFY(m["best_score"] > 0.45 && m["best_score"] < 0.52);
        QVERIFY(lab.scoreView()->hasMarker("best"));

        runStep(lab, 1);  // ridge
        m = lab.measurements();
        QCOMPARE(m["max_zero_count"], 0.0);
        QVERIFY(!m.contains("all_zero_above"));

        const int at100 = nearestIndex(lab, 100);
        const auto shrunk = lab.coefficientsAt(at100);
        qInfo() << "ridge at alpha" << lab.pathValue(at100) << "s1" << shrunk[4] << "s2" << shrunk[5];
        QVERIFY(std::abs(shrunk[4]) < 6 && std::abs(shrunk[5]) < 6);

        runStep(lab, 2);  // ridge, s1 and s2 at the weak end
        const auto weak = lab.coefficientsAt(0);
        const int s1 = static_cast<int>(lab.featureNames().indexOf("s1")), s2 = static_cast<int>(lab.featureNames().indexOf("s2"));
        qInfo() << "ridge at alpha" << lab.pathValue(0) << "s1" << weak[static_cast<std::size_t>(s1)] << "s2" << weak[static_cast<std::size_t>(s2)];
        QVERIFY(std::abs(weak[static_cast<std::size_t>(s1)] + 38) < 2);
        QVERIFY(std::abs(weak[static_cast<std::size_t>(s2)] - 23) < 2);
    }

    void rawUnits()
    {
        RegularizationPathLab lab(QString::fromStdString(test::datasetsDir()));
        runStep(lab, 3);  // lasso without the scaler
        const int at10 = nearestIndex(lab, 10);
        qInfo() << "raw lasso at alpha" << lab.pathValue(at10) << "non-zero" << nonzeroAt(lab, at10)
                << "entry order" << entryOrder(lab, true);
        QVERIFY(!nonzeroAt(lab, at10).contains("s5"));
        QVERIFY(nonzeroAt(lab, at10).contains("s1") || nonzeroAt(lab, at10).contains("s2"));
    }

    void l1LogisticKeepsFewFeatures()
    {
        RegularizationPathLab lab(QString::fromStdString(test::datasetsDir()));
        runStep(lab, 4);  // L1 logistic regression on breast_cancer
        const auto m = lab.measurements();
        const int c001 = nearestIndex(lab, 0.01), c01 = nearestIndex(lab, 0.1);
        qInfo() << "C" << lab.pathValue(c001) << "non-zero" << nonzeroAt(lab, c001).size() << "C" << lab.pathValue(c01)
                << "non-zero" << nonzeroAt(lab, c01).size() << "score" << lab.scoreAt(c01) << "best" << m["best_score"]
                << "at" << m["best_value"];
        QVERIFY(nonzeroAt(lab, c001).size() <= 4);
        QVERIFY(nonzeroAt(lab, c01).size() >= 5 && nonzeroAt(lab, c01).size() <= 12);
        QVERIFY(m["best_score"] - lab.scoreAt(c01) < 0.02);
    }
};

QTEST_MAIN(TestRegularizationPathLab)
#include "test_regularization_path_lab.moc"
