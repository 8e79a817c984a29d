// The deployment lab (lesson 20) does what the lesson says, on its own
// numbers: a saved artifact carries its metadata and reloads to identical
// predictions (and a damaged file is reported); PSI of the drifted feature
// rises with the shift while the untouched features stay stable; small
// batches make PSI noisy; malformed requests are rejected at the door naming
// the column; a challenger trained on drifted data beats the champion on a
// drifted holdout, and once promoted its own reference makes the drift vanish.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/distribution_shift_view.h"
#include "ui/labs/deployment_lab.h"
#include "ui/session/training_session.h"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace dslab;

namespace {

double psiAt(DeploymentLab& lab, const QString& feature, double shift)
{
    lab.setDrift(feature, shift);
    return lab.measurements().value("psi", -1);
}

}  // namespace

class TestDeploymentLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void savedArtifactReloadsToIdenticalPredictions()
    {
        DeploymentLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("deployment", 0));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY2(lab.runStepsBlocking(1, 60000), qPrintable(lab.errorText()));
        const auto m = lab.measurements();
        QVERIFY(m["test_accuracy"] > 0.93);
        QVERIFY(m["test_roc_auc"] > 0.98);
        QVERIFY(QFile::exists(lab.savedPath()));
        QVERIFY(lab.savedPath().endsWith("breast-cancer-lr-1.0.0.dslab.json"));
        for (const char* key : {"\"model_name\"", "\"version\": \"1.0.0\"", "\"engine_version\"", "\"training_data_sha256\"",
                                "\"schema\"", "\"test_roc_auc\"", "\"reference_bins\"", "\"golden_set\"", "\"created\""})
            QVERIFY2(lab.metadataText().contains(key), key);
        QCOMPARE(m["reload_max_abs_diff"], 0.0);
        QCOMPARE(m["golden_max_abs_diff"], 0.0);
        // No drift: every feature stable, PSI near its sampling noise.
        QCOMPARE(m["schema_rejected"], 0.0);
        QVERIFY2(m["max_psi"] < 0.1, qPrintable(QString::number(m["max_psi"])));
        QCOMPARE(lab.driftTable()->rowCount(), 30);
        QVERIFY(lab.shiftView()->hasData());

        // A damaged artifact is reported, not loaded.
        QFile file(lab.savedPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"format\": \"dslab-pipeline\", \"format_version\": 1, \"steps\": [");
        file.close();
        QVERIFY(!lab.reloadAndVerify());
        QVERIFY2(lab.errorText().contains("could not be reloaded"), qPrintable(lab.errorText()));
    }

    void psiRisesWithTheShiftOfOneFeature()
    {
        DeploymentLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("deployment", 1));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        const double p0 = psiAt(lab, "mean_radius", 0.0), p3 = psiAt(lab, "mean_radius", 0.3),
                     p5 = psiAt(lab, "mean_radius", 0.5), p10 = psiAt(lab, "mean_radius", 1.0);
        qInfo() << "PSI of mean_radius at 0, 0.3, 0.5, 1 SD:" << p0 << p3 << p5 << p10;
        QVERIFY(p0 < 0.05);
        QVERIFY(p3 > 0.1 && p3 < 0.25);
        QVERIFY(p5 > 0.25);
        QVERIFY(p10 > 1.0);
        QVERIFY(lab.measurements()["ks_p_value"] < 1e-6);
        lab.setDrift("mean_radius", 0.3);
        QVERIFY(lab.measurements()["ks_p_value"] < 1e-6);
        const double d3 = lab.measurements()["ks_statistic"];
        lab.setDrift("mean_radius", 1.0);
        QVERIFY(lab.measurements()["ks_statistic"] > d3);
        // The drifted feature tops the table; the shift view shows its bins.
        QCOMPARE(lab.driftTable()->item(0, 0)->text(), QString("mean_radius"));
        QCOMPARE(lab.shiftView()->liveShares().size(), 10);
        QCOMPARE(lab.shiftView()->psi(), lab.measurements()["psi"]);
    }

    void smallBatchesMakePsiNoisy()
    {
        DeploymentLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("deployment", 2));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        auto meanPsi = [&](int rows) {
            lab.setBatchRows(rows);
            double sum = 0;
            for (int seed = 0; seed < 8; ++seed) {
                lab.setBatchSeed(seed);
                sum += lab.measurements()["psi"];
            }
            return sum / 8;
        };
        const double small = meanPsi(100), large = meanPsi(2000);
        qInfo() << "mean no-drift PSI, 100 rows:" << small << " 2000 rows:" << large;
        QVERIFY(small > 0.05 && small < 0.2);
        QVERIFY(large < 0.04);
        QVERIFY(small > 3 * large);
    }

    void malformedRequestsAreRejectedNamingTheColumn()
    {
        DeploymentLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("deployment", 3));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        QCOMPARE(lab.measurements()["schema_rejected"], 1.0);
        QVERIFY(lab.batchLabel()->text().contains("mean_area"));
        QVERIFY(lab.batchLabel()->text().contains("area_mean"));
        QCOMPARE(lab.driftTable()->rowCount(), 0);
        lab.setSchemaViolation("text_in_numeric");
        QCOMPARE(lab.measurements()["schema_rejected"], 1.0);
        QVERIFY(lab.batchLabel()->text().contains("categorical"));
        lab.setSchemaViolation("drop_column");
        QCOMPARE(lab.measurements()["schema_rejected"], 1.0);
        lab.setSchemaViolation("none");
        QCOMPARE(lab.measurements()["schema_rejected"], 0.0);
        QVERIFY(lab.measurements()["live_accuracy"] > 0.9);
    }

    void aChallengerIsPromotedOnlyWhenItWins()
    {
        DeploymentLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("deployment", 4));
        QVERIFY(lab.runStepsBlocking(1, 60000));
        const double before = lab.measurements()["psi"];
        QVERIFY2(before > 0.25, qPrintable(QString::number(before)));
        QVERIFY(!lab.promoteButton()->isEnabled());
        lab.trainChallenger();
        QVERIFY(lab.session()->isRunning());
        QVERIFY(QTest::qWaitFor([&] { return !lab.session()->isRunning(); }, 60000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << "holdout log loss champion" << m["champion_holdout_log_loss"] << "challenger" << m["challenger_holdout_log_loss"]
                << "accuracy" << m["champion_holdout_accuracy"] << m["challenger_holdout_accuracy"];
        QVERIFY(m["challenger_holdout_log_loss"] < m["champion_holdout_log_loss"]);
        QVERIFY(lab.promoteButton()->isEnabled());
        QVERIFY(lab.promoteChallenger());
        QCOMPARE(lab.championVersion(), QString("1.1.0"));
        m = lab.measurements();
        QVERIFY2(m["psi"] < 0.1, qPrintable(QString::number(m["psi"])));
        // The promoted version saves its own reference.
        QVERIFY(lab.save());
        QVERIFY(lab.metadataText().contains("\"version\": \"1.1.0\""));
    }
};

QTEST_MAIN(TestDeploymentLab)
#include "test_deployment_lab.moc"
