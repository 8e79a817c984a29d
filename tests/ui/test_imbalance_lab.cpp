// The imbalance lab (lesson 17), driven through the lesson's try-this steps:
// accuracy misleads (the majority-class baseline matches it with recall 0 and
// ROC-AUC 0.5), SMOTE adds rows on segments between real minority points and
// raises recall at a cost in precision while ROC-AUC barely moves,
// class_weight and a lower threshold do much the same, undersampling keeps as
// many negatives as positives, every setting keeps its own comparison row,
// and SMOTE with too few minority rows says what to change.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/labs/imbalance_lab.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> runStep(ImbalanceLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("class-imbalance", step));
    if (!lab.runStepsBlocking(1, 60000))
        qWarning() << "step" << step + 1 << "failed:" << lab.errorText();
    auto m = lab.measurements();
    qInfo().nospace() << "step " << step + 1 << ": accuracy " << m["accuracy"] << " recall " << m["recall"]
                      << " precision " << m["precision"] << " f1 " << m["f1"] << " balanced " << m["balanced_accuracy"]
                      << " roc_auc " << m["roc_auc"] << " ap " << m["average_precision"] << " added "
                      << m["n_synthetic"] << " fit rows " << m["train_rows"] << " | baseline accuracy "
                      << m["baseline_accuracy"] << " recall " << m["baseline_recall"] << " roc_auc "
                      << m["baseline_roc_auc"];
    return m;
}

// Distance from p to the segment a-b.
double segmentDistance(const QPointF& p, const QPointF& a, const QPointF& b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

}  // namespace

class TestImbalanceLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theLessonStepsHold()
    {
        ImbalanceLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1100, 750);
        lab.show();

        // 1. Plain model: high accuracy, like the trivial model's; recall is what differs.
        const auto plain = runStep(lab, 0);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.boundaryView()->hasField());
        QCOMPARE(lab.sampler(), QString());
        QVERIFY(plain["accuracy"] > 0.93);
        QVERIFY(std::abs(plain["baseline_accuracy"] - 0.95) < 0.01);
        QCOMPARE(plain["baseline_recall"], 0.0);
        QCOMPARE(plain["baseline_roc_auc"], 0.5);
        QCOMPARE(plain["baseline_balanced_accuracy"], 0.5);
        QVERIFY(std::abs(plain["accuracy"] - plain["baseline_accuracy"]) < 0.05);  // accuracy barely separates them
        QVERIFY(plain["recall"] < 0.4);
        QVERIFY(plain["f1"] < 0.5);
        QVERIFY(plain["roc_auc"] > 0.85);
        QCOMPARE(plain["n_synthetic"], 0.0);
        QCOMPARE(lab.metricsTable()->item(3, 0)->text(), QString("0.000"));  // the baseline's recall

        // 2. SMOTE: the minority grows to the majority's size with points between real ones.
        const auto smote = runStep(lab, 1);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.sampler(), QString("SMOTE"));
        const QVector<QPointF> added = lab.boundaryView()->extraPoints();
        QCOMPARE(double(added.size()), smote["n_synthetic"]);
        QVERIFY(smote["n_synthetic"] > 500);
        QCOMPARE(smote["train_rows"], 700.0 + smote["n_synthetic"]);
        QVERIFY(smote["recall"] > plain["recall"] + 0.2);
        QVERIFY(smote["precision"] < plain["precision"]);
        QVERIFY(std::abs(smote["roc_auc"] - plain["roc_auc"]) < 0.02);
        // Each synthetic point lies on a segment between two real training
        // minority points (drawn in raw coordinates after undoing the scaler).
        QVector<QPointF> minority;
        const QString csv = lab.boundaryView()->toCsv();
        for (const QString& line : csv.split('\n').mid(1)) {
            const QStringList f = line.split(',');
            if (f.size() == 4 && f[3] == "train" && f[2] == "1")
                minority << QPointF(f[0].toDouble(), f[1].toDouble());
        }
        QCOMPARE(minority.size(), 35);
        for (int s = 0; s < added.size(); s += 7) {
            double best = 1e9;
            for (int i = 0; i < minority.size(); ++i)
                for (int j = i + 1; j < minority.size(); ++j)
                    best = std::min(best, segmentDistance(added[s], minority[i], minority[j]));
            QVERIFY2(best < 1e-6, qPrintable(QString("synthetic point %1 is %2 off every segment").arg(s).arg(best)));
        }

        // 3. class_weight=balanced: no rows added, recall rises about as much.
        const auto weighted = runStep(lab, 2);
        QCOMPARE(weighted["n_synthetic"], 0.0);
        QCOMPARE(weighted["train_rows"], 700.0);
        QVERIFY(weighted["recall"] > plain["recall"] + 0.2);
        QVERIFY(std::abs(weighted["recall"] - smote["recall"]) < 0.15);
        QVERIFY(std::abs(weighted["roc_auc"] - plain["roc_auc"]) < 0.02);

        // 4. The plain model at threshold 0.15 moves recall and precision the same way.
        const auto lowered = runStep(lab, 3);
        QCOMPARE(lab.threshold(), 0.15);
        QVERIFY(lowered["recall"] > plain["recall"] + 0.2);
        QVERIFY(lowered["precision"] < plain["precision"]);
        QCOMPARE(lowered["roc_auc"], plain["roc_auc"]);  // same model, same ranking
        // Lower still, near the 5% prevalence, it lands about where the weighted
        // model is; the drawn boundary follows the threshold without retraining.
        const QImage fieldAt015 = lab.boundaryView()->fieldImage();
        lab.setThreshold(0.05);
        QVERIFY(!lab.session()->isRunning());
        QVERIFY(lab.boundaryView()->fieldImage() != fieldAt015);
        const auto atPrevalence = lab.measurements();
        qInfo() << "threshold 0.05: recall" << atPrevalence["recall"] << "precision" << atPrevalence["precision"];
        QVERIFY(std::abs(atPrevalence["recall"] - weighted["recall"]) < 0.15);
        QVERIFY(std::abs(atPrevalence["precision"] - weighted["precision"]) < 0.1);

        // 5. 99:1 with undersampling: as many negatives as positives are kept.
        const auto under = runStep(lab, 4);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(under["positive_rate"] < 0.02);
        QVERIFY(under["rows_removed"] > 600);
        QVERIFY(under["train_rows"] <= 20);

        // One comparison row per setting tried, kept across the steps.
        QCOMPARE(lab.comparisonTable()->rowCount(), 6);
        lab.setThreshold(0.3);
        QCOMPARE(lab.comparisonTable()->rowCount(), 7);
        QVERIFY(lab.comparisonTable()->item(6, 0)->text().contains("t=0.30"));
        QVERIFY(lab.comparisonTable()->item(0, 0)->text().contains("no sampler"));
        QVERIFY(lab.comparisonTable()->item(1, 0)->text().contains("SMOTE k=5"));
    }

    void smoteWithTooFewMinorityRowsSaysWhatToChange()
    {
        ImbalanceLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("class-imbalance", 1);
        preset.insert("n_samples", 300);
        preset.insert("weights", QJsonArray{0.99, 0.01});
        lab.applyPreset(preset);
        QVERIFY(lab.errorText().isEmpty());
        QVERIFY(!lab.runStepsBlocking(1, 60000));
        const QString error = lab.errorText();
        qInfo() << error;
        QVERIFY(error.contains("SMOTE"));
        QVERIFY(error.contains("k_neighbors=5"));
        QVERIFY(error.contains("RandomOverSampler"));
        QCOMPARE(lab.comparisonTable()->rowCount(), 0);
    }
};

QTEST_MAIN(TestImbalanceLab)
#include "test_imbalance_lab.moc"
