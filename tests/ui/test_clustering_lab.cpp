// The supervised-vs-unsupervised lab (lesson 5): the classifier and k-means
// fitted on the same points, k-means stepped one iteration at a time, the
// sweep over k, and the lesson's claims checked against what the lab shows:
// inertia always falls with k, silhouette peaks at the true number of blobs,
// and on iris the silhouette prefers k = 2 while the species agree with k = 3.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/clustering_lab.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

void trainToEnd(ClusteringLab& lab, const QJsonObject& preset)
{
    lab.applyPreset(preset);
    QVERIFY(lab.runStepsBlocking(100000, 60000));
    QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
}

}  // namespace

class TestClusteringLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void trainFillsBothViewsAndTheSweep()
    {
        ClusteringLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("supervised-vs-unsupervised", -1));
        QCOMPARE(lab.knobs()->names(), (QStringList{"n_clusters", "init", "n_init"}));  // "noise" is a data control
        QSignalSpy finished(lab.session(), &TrainingSession::finished);
        QTest::mouseClick(lab.trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.classifierView()->hasField());
        QVERIFY(lab.clusterView()->hasField());
        QCOMPARE(lab.clusterView()->markers().size(), 3);
        QVERIFY(lab.iterationView()->pointCount(0) >= 10);  // 10 k-means++ runs, at least one iteration each
        QCOMPARE(lab.sweepScoresView()->pointCount(0), 7);  // k = 2..8
        QCOMPARE(lab.sweepInertiaView()->pointCount(0), 7);
        QVERIFY(lab.score("validation_accuracy") > 0.95);
        QVERIFY(lab.score("ari") > 0.9);
        QVERIFY(lab.score("silhouette") > 0.6);
        QVERIFY(lab.statusText().contains("k = 3"));
    }

    void stepRunsOneIteration()
    {
        ClusteringLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("supervised-vs-unsupervised", -1));
        QVERIFY(lab.runStepsBlocking(1, 30000));
        QCOMPARE(lab.iterationView()->pointCount(0), 1);
        QVERIFY(lab.session()->isRunning() && lab.session()->isPaused());
        QCOMPARE(lab.clusterView()->markers().size(), 3);  // centres after the first iteration
        QVERIFY(lab.classifierView()->hasField());         // the classifier is already fitted
        QSignalSpy arrived(lab.session(), &TrainingSession::stepsArrived);
        QTest::mouseClick(lab.stepButton(), Qt::LeftButton);
        QVERIFY(arrived.wait(10000));
        QCOMPARE(lab.iterationView()->pointCount(0), 2);
        lab.shutdown();
    }

    void inertiaFallsButSilhouettePeaksAtTheTrueK()
    {
        ClusteringLab lab(QString::fromStdString(test::datasetsDir()));
        trainToEnd(lab, test::lessonPreset("supervised-vs-unsupervised", 1));
        for (int k = 3; k <= 8; ++k)
            QVERIFY(lab.score(QString("inertia@%1").arg(k)) < lab.score(QString("inertia@%1").arg(k - 1)));
        int best = 0;
        for (int k = 2; k <= 8; ++k)
            if (best == 0 || lab.score(QString("silhouette@%1").arg(k)) > lab.score(QString("silhouette@%1").arg(best)))
                best = k;
        QCOMPARE(best, 3);
    }

    void irisSilhouetteAndSpeciesDisagree()
    {
        ClusteringLab lab(QString::fromStdString(test::datasetsDir()));
        trainToEnd(lab, test::lessonPreset("supervised-vs-unsupervised", 4));
        const double s2 = lab.score("silhouette@2"), s3 = lab.score("silhouette@3");
        const double a2 = lab.score("ari@2"), a3 = lab.score("ari@3");
        qInfo() << "iris silhouette k=2" << s2 << "k=3" << s3 << "ARI k=2" << a2 << "k=3" << a3;
        QVERIFY(s2 > s3);
        QVERIFY(a3 > a2);
    }

    void moonsDefeatKMeansButNotTheClassifier()
    {
        ClusteringLab lab(QString::fromStdString(test::datasetsDir()));
        trainToEnd(lab, test::lessonPreset("supervised-vs-unsupervised", 3));
        qInfo() << "moons accuracy" << lab.score("validation_accuracy") << "ARI" << lab.score("ari") << "silhouette"
                << lab.score("silhouette");
        QVERIFY(lab.score("validation_accuracy") > 0.95);
        QVERIFY(lab.score("ari") < 0.6);
        QVERIFY(lab.score("silhouette") > 0.4);  // "still respectable"
    }
};

QTEST_MAIN(TestClusteringLab)
#include "test_clustering_lab.moc"
