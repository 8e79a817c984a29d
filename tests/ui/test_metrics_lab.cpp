// The metrics lab (lesson 18), through the lesson's try-this steps: the
// prior baseline on breast_cancer scores accuracy ≈ 0.63, ROC-AUC 0.5 and the
// entropy of the prevalence as log loss; the threshold moves the confusion
// matrix, accuracy, precision, recall and MCC and the ROC marker but never
// ROC-AUC or log loss; a tiny C keeps the ranking but worsens log loss; on
// 95:5 data the baseline's accuracy nears the model's while balanced
// accuracy (0.5) and MCC (0) expose it.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/probability_histogram_view.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/labs/metrics_lab.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

void print(const char* what, const QMap<QString, double>& m)
{
    QString line = QString::fromLatin1(what) + ":";
    for (const char* key : {"accuracy", "balanced_accuracy", "precision", "recall", "f1", "mcc", "roc_auc",
                            "average_precision", "log_loss", "brier"})
        line += QStringLiteral(" %1 %2/%3").arg(key).arg(m.value(QStringLiteral("baseline_") + key), 0, 'f', 4)
                    .arg(m.value(QStringLiteral("model_") + key), 0, 'f', 4);
    line += QStringLiteral(" | p in [%1, %2], positives %3")
                .arg(m.value("min_probability"), 0, 'f', 3)
                .arg(m.value("max_probability"), 0, 'f', 3)
                .arg(m.value("positive_rate"), 0, 'f', 3);
    qInfo().noquote() << line;
}

QMap<QString, double> runStep(MetricsLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("metrics-beyond-accuracy", step));
    if (!lab.runStepsBlocking(1, 60000))
        qWarning() << "step" << step + 1 << "failed:" << lab.errorText();
    const auto m = lab.measurements();
    print(qPrintable(QString("step %1").arg(step + 1)), m);
    return m;
}

}  // namespace

class TestMetricsLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theLessonStepsHold()
    {
        MetricsLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();

        // 1. The prior baseline against logistic regression on breast_cancer.
        auto m = runStep(lab, 0);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.knobs()->names(), QStringList{"C"});
        QCOMPARE(lab.table()->rowCount(), 10);
        QCOMPARE(lab.rocView()->curveCount(), 2);
        QVERIFY(lab.histogramView()->hasData());
        QVERIFY(std::abs(m["positive_rate"] - 0.373) < 0.01);  // malignant is the positive class
        QVERIFY(std::abs(m["baseline_accuracy"] - 0.63) < 0.01);
        QCOMPARE(m["baseline_roc_auc"], 0.5);
        QVERIFY(std::abs(m["baseline_log_loss"] - 0.66) < 0.01);
        QCOMPARE(m["baseline_recall"], 0.0);
        QCOMPARE(m["baseline_mcc"], 0.0);
        QVERIFY(m["model_roc_auc"] > 0.98);
        QVERIFY(m["model_log_loss"] < 0.12);
        QVERIFY(m["model_accuracy"] > 0.95);
        QCOMPARE(m["tp"] + m["fp"] + m["fn"] + m["tn"], 143.0);

        // 2. The threshold moves the threshold metrics and the marker, not AUC or log loss.
        const auto at05 = m;
        const QPointF marker05 = lab.rocView()->currentPoint();
        const double tp05 = lab.confusionView()->count(1, 1);
        m = runStep(lab, 1);
        QCOMPARE(lab.threshold(), 0.2);
        const auto at02 = m;
        lab.setThreshold(0.8);
        QVERIFY(!lab.session()->isRunning());
        const auto at08 = lab.measurements();
        print("threshold 0.8", at08);
        QVERIFY(at02["model_recall"] >= at05["model_recall"] && at05["model_recall"] >= at08["model_recall"]);
        QVERIFY(at02["model_recall"] > at08["model_recall"]);
        QVERIFY(at02["model_precision"] < at08["model_precision"]);
        QVERIFY(at02["tp"] != at08["tp"]);
        QVERIFY(at02["model_mcc"] != at08["model_mcc"]);
        QVERIFY(lab.confusionView()->count(1, 1) != tp05 || at08["tp"] != tp05);
        QVERIFY(lab.rocView()->currentPoint() != marker05);
        for (const char* fixed : {"model_roc_auc", "model_log_loss", "model_average_precision", "model_brier"}) {
            QCOMPARE(at02[fixed], at05[fixed]);
            QCOMPARE(at08[fixed], at05[fixed]);
        }
        QCOMPARE(at08["baseline_accuracy"], at05["baseline_accuracy"]);

        // 3. C = 0.001: the ranking survives, the probabilities do not.
        m = runStep(lab, 2);
        QVERIFY(m["model_roc_auc"] > 0.97);
        QVERIFY(m["model_log_loss"] > 3 * at05["model_log_loss"]);
        QVERIFY(m["model_log_loss"] > 0.3 && m["model_log_loss"] < 0.4);
        QVERIFY(m["min_probability"] > 0.05 && m["max_probability"] < 0.96);

        // 4. 95:5: accuracy barely separates them; balanced accuracy and MCC do.
        m = runStep(lab, 3);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(std::abs(m["positive_rate"] - 0.05) < 0.01);
        QVERIFY(std::abs(m["baseline_accuracy"] - 0.95) < 0.01);
        QCOMPARE(m["baseline_balanced_accuracy"], 0.5);
        QCOMPARE(m["baseline_mcc"], 0.0);
        QVERIFY(m["model_accuracy"] - m["baseline_accuracy"] < 0.05);
        QVERIFY(m["model_balanced_accuracy"] > 0.6);
        QVERIFY(m["model_mcc"] > 0.3);
    }

    void theDatasetAndWeightsKnobsRebuildTheData()
    {
        MetricsLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("metrics-beyond-accuracy", -1));
        // The lesson: on bank_marketing the same baseline reaches about 0.885.
        lab.datasetCombo()->setCurrentIndex(lab.datasetCombo()->findData("bank_marketing"));
        QVERIFY(!lab.positiveShareBox()->isEnabled());
        QVERIFY2(lab.runStepsBlocking(1, 60000), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        print("bank_marketing", m);
        QVERIFY(std::abs(m["baseline_accuracy"] - 0.885) < 0.01);
        QCOMPARE(m["baseline_balanced_accuracy"], 0.5);
        // The model's accuracy does not beat it, though it ranks well and correlates.
        QVERIFY(m["model_accuracy"] < m["baseline_accuracy"] + 0.005);
        QVERIFY(m["model_roc_auc"] > 0.8);
        QVERIFY(m["model_mcc"] > 0.15);
        // The generator's positive share is the weights knob.
        lab.datasetCombo()->setCurrentIndex(lab.datasetCombo()->findData("imbalanced"));
        QVERIFY(lab.positiveShareBox()->isEnabled());
        lab.positiveShareBox()->setValue(0.2);
        QVERIFY2(lab.runStepsBlocking(1, 60000), qPrintable(lab.errorText()));
        m = lab.measurements();
        QVERIFY(std::abs(m["positive_rate"] - 0.2) < 0.03);
        QVERIFY(std::abs(m["baseline_accuracy"] - 0.8) < 0.03);
    }

    void aPositiveClassThatIsNotALabelIsRefused()
    {
        MetricsLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("metrics-beyond-accuracy", -1);
        preset.insert("positive_class", "cancer");
        lab.applyPreset(preset);
        QVERIFY(lab.errorText().contains("malignant"));
    }
};

QTEST_MAIN(TestMetricsLab)
#include "test_metrics_lab.moc"
