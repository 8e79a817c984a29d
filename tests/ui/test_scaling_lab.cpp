// The scaling lab (lesson 42) through its try-this steps, and the lesson's
// claims on the lab's own numbers: k-NN on proline + hue gains from scaling,
// on all 13 features k-NN and SVC gain a lot, the tree's score is the same
// under every scaler, gradient descent does not converge on raw features but
// does quickly once standardized, and min-max vs robust scaling of magnesium.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/grouped_bar_view.h"
#include "ui/charts/loss_contour_view.h"
#include "ui/labs/descent_contours.h"
#include "ui/labs/scaling_lab.h"
#include "ui/session/training_session.h"

#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> runStep(ScalingLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("feature-scaling", step));
    if (!lab.errorText().isEmpty())
        qFatal("step %d: %s", step + 1, qPrintable(lab.errorText()));
    if (!lab.runStepsBlocking(1, 300000))
        qFatal("step %d did not finish: %s", step + 1, qPrintable(lab.errorText()));
    const QMap<QString, double> m = lab.measurements();
    qInfo() << "step" << step + 1 << m;
    return m;
}

void checkFinite(const QMap<QString, double>& m)
{
    for (auto it = m.begin(); it != m.end(); ++it)
        QVERIFY2(std::isfinite(it.value()), qPrintable(it.key()));
}

}  // namespace

class TestScalingLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void knnNeedsScalingAndTreesDoNot()
    {
        ScalingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 750);
        lab.show();
        const auto m = runStep(lab, 0);
        checkFinite(m);
        QCOMPARE(lab.scaler(), QString("none"));
        QCOMPARE(lab.model(), QString("KNeighborsClassifier"));
        QCOMPARE(lab.currentView(), QString("boundary"));
        QVERIFY(lab.rawBoundary()->hasField());
        QVERIFY(lab.scaledBoundary()->hasField());
        QVERIFY(lab.twoFeatureBars()->hasData());
        QVERIFY(lab.allFeatureBars()->hasData());
        QCOMPARE(lab.twoFeatureScores().rows(), 4);
        QCOMPARE(lab.twoFeatureScores().cols(), 4);
        // Step 1: "Accuracy is about 0.67 ... StandardScaler ... rises to about 0.87".
        const double knnRaw = m["cv_KNeighborsClassifier_none"], knnStd = m["cv_KNeighborsClassifier_StandardScaler"];
        // "about 0.67 ... rises to about 0.85"
        QVERIFY(std::abs(knnRaw - 0.67) < 0.02);
        QVERIFY(std::abs(knnStd - 0.85) < 0.02);
        QCOMPARE(m["model_cv_raw"], knnRaw);
        QCOMPARE(m["model_cv_scaled"], knnStd);
        // Every scaler helps k-NN.
        for (const char* s : {"MinMaxScaler", "RobustScaler"})
            QVERIFY(m[QString("cv_KNeighborsClassifier_%1").arg(s)] > knnRaw + 0.1);

        // Step 2: all 13 features, k-NN and SVC.
        const auto all = runStep(lab, 1);
        QCOMPARE(lab.currentView(), QString("scalers"));
        for (const char* s : {"StandardScaler", "MinMaxScaler", "RobustScaler"}) {
            QVERIFY(all[QString("cv_all_KNeighborsClassifier_%1").arg(s)] >= 0.93);
            QVERIFY(all[QString("cv_all_SVC_%1").arg(s)] >= 0.95);
        }
        // "k-NN goes from about 0.72 ... SVC from about 0.68"; logistic regression "0.95 to about 0.98".
        QVERIFY(std::abs(all["cv_all_KNeighborsClassifier_none"] - 0.72) < 0.02);
        QVERIFY(std::abs(all["cv_all_SVC_none"] - 0.68) < 0.02);
        QVERIFY(std::abs(all["cv_all_LogisticRegression_none"] - 0.95) < 0.02);
        QVERIFY(all["cv_all_LogisticRegression_StandardScaler"] >= 0.97);

        // Step 3: the tree's four bars are identical, on two features and on all.
        const auto tree = runStep(lab, 2);
        QCOMPARE(lab.model(), QString("DecisionTreeClassifier"));
        for (const char* prefix : {"cv", "cv_all"})
            for (const char* s : {"StandardScaler", "MinMaxScaler", "RobustScaler"})
                QCOMPARE(tree[QString("%1_DecisionTreeClassifier_%2").arg(prefix, s)],
                         tree[QString("%1_DecisionTreeClassifier_none").arg(prefix)]);
        QCOMPARE(tree["boundary_accuracy_raw"], tree["boundary_accuracy_scaled"]);
    }

    void gradientDescentConvergesOnlyOnScaledFeatures()
    {
        ScalingLab lab(QString::fromStdString(test::datasetsDir()));
        const auto m = runStep(lab, 3);
        checkFinite(m);
        QCOMPARE(lab.currentView(), QString("contours"));
        QCOMPARE(m["gd_converged_raw"], 0.0);
        QCOMPARE(m["gd_converged_scaled"], 1.0);
        // "condition number of about 6 million ... about 3.7 ... in about 40 steps"
        QVERIFY(m["gd_steps_scaled"] >= 30 && m["gd_steps_scaled"] <= 50);
        QVERIFY(m["gd_kappa_raw"] > 5e6 && m["gd_kappa_raw"] < 7e6);
        QVERIFY(std::abs(m["gd_kappa_scaled"] - 3.7) < 0.1);
        // "The accuracy chart marks the same gradient-descent model n/a without a scaler".
        QVERIFY(!m.contains("cv_LogisticRegression_none"));
        QVERIFY(lab.rawContours()->hasData());
        QCOMPARE(lab.rawContours()->path().size(), 201);
        // Raw: the proline weight swings back and forth (zigzag): its step changes sign many times.
        const auto& path = lab.rawContours()->path();
        int flips = 0;
        for (int i = 2; i < path.size(); ++i)
            if ((path[i].x() - path[i - 1].x()) * (path[i - 1].x() - path[i - 2].x()) < 0)
                ++flips;
        QVERIFY(flips > 50);

        // A learning rate small enough for proline barely moves the hue weight.
        lab.setLearningRate(1e-6);
        QVERIFY(lab.runStepsBlocking(1, 300000));
        const auto slow = lab.measurements();
        qInfo() << "learning_rate 1e-6" << slow;
        QCOMPARE(slow["gd_converged_raw"], 0.0);
        // "the zigzag stops, but the hue weight barely moves in 200 steps" (its minimum is near -3.8).
        const auto& slowPath = lab.rawContours()->path();
        QVERIFY(std::abs(slowPath.last().y()) < 0.05);
        int slowFlips = 0;
        for (int i = 2; i < slowPath.size(); ++i)
            if ((slowPath[i].x() - slowPath[i - 1].x()) * (slowPath[i - 1].x() - slowPath[i - 2].x()) < 0)
                ++slowFlips;
        QVERIFY(slowFlips <= 2);  // at most a turn as the valley floor moves, against > 50 at learning_rate 1
    }

    void minMaxAndRobustScalingOfAnOutlier()
    {
        ScalingLab lab(QString::fromStdString(test::datasetsDir()));
        const auto robust = runStep(lab, 4);
        QCOMPARE(lab.scaler(), QString("RobustScaler"));
        QCOMPARE(lab.currentView(), QString("data"));
        // "162 lands near 3.4"
        QVERIFY(std::abs(robust["x_scaled_max"] - 3.4) < 0.05);
        // Choosing another scaler retrains at once.
        lab.setScaler("MinMaxScaler");
        QVERIFY(lab.session()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!lab.session()->isRunning() && lab.measurements().contains("x_scaled_max"), 120000);
        QVERIFY(lab.errorText().isEmpty());
        const auto minMax = lab.measurements();
        qInfo() << "MinMaxScaler" << minMax;
        // "pushes three quarters of the wines into [0, 0.41]"
        QVERIFY(minMax["x_scaled_q75"] <= 0.41);
        QCOMPARE(minMax["x_scaled_max"], 1.0);
    }

    void descentContoursMatchNewton()
    {
        // A round bowl: standardized-like data converges; the minimum has zero gradient.
        Matrix X(4, 2);
        X << 1, 0, -1, 0, 0, 1, 0, -1;
        Vector y(4);
        y << 1, 0, 1, 0;
        const DescentContours d = computeDescentContours(X, y, 1.0, 200, 1.0, 20, true, nullptr);
        QVERIFY(d.finished);
        QVERIFY(d.stepsToConverge >= 0);
        QVERIFY(std::abs(d.pathW1.back() - d.optimumW1) < 1e-3);
        QVERIFY(std::abs(d.pathW2.back() - d.optimumW2) < 1e-3);
        QCOMPARE(static_cast<int>(d.loss.size()), 400);
    }

    void cancelKeepsTheLabUsable()
    {
        ScalingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("feature-scaling", 1));
        lab.run();
        lab.session()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.session()->isRunning(), 60000);
        QVERIFY(lab.errorText().isEmpty());
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY(lab.twoFeatureBars()->hasData());
    }
};

QTEST_MAIN(TestScalingLab)
#include "test_scaling_lab.moc"
