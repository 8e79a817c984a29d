// The interpretability lab (lesson 19) driven as a learner would, with the
// lesson's claims checked against what it shows: impurity importance credits
// a pure-noise column that permutation importance scores at about zero; the
// SHAP waterfall of any row adds up to the model's output; KernelSHAP comes
// close to TreeSHAP's exact values; LIME and partial dependence are drawn.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/partial_dependence_view.h"
#include "ui/charts/shap_beeswarm_view.h"
#include "ui/charts/shap_waterfall_view.h"
#include "ui/labs/interpretability_lab.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

// Waits for the re-explanation a control change started.
bool waitForExplanation(InterpretabilityLab& lab)
{
    if (!lab.session()->isRunning())
        return true;
    QSignalSpy finished(lab.session(), &TrainingSession::finished);
    return finished.wait(120000);
}

}  // namespace

class TestInterpretabilityLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyMethodExplainsTheTrainedForest()
    {
        InterpretabilityLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("interpretability"));
        QVERIFY(lab.featureNames().contains("random_num"));
        QVERIFY(lab.featureNames().contains("random_cat"));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        QVERIFY(m.value("test_accuracy") > 0.9);

        // Importance: the noise column gets impurity credit but no permutation importance.
        QVERIFY(lab.impurityView()->hasData());
        QVERIFY(lab.permutationView()->hasData());
        qInfo() << "impurity random_num" << m.value("impurity:random_num") << "random_cat" << m.value("impurity:random_cat")
                << "permutation random_num" << m.value("permutation:random_num");
        QVERIFY(m.value("impurity:random_num") > 0.002);
        QVERIFY(m.value("impurity:random_num") > m.value("impurity:random_cat"));
        QVERIFY(std::abs(m.value("permutation:random_num")) < 0.01);

        // SHAP with TreeSHAP: exact additivity, and the waterfall of a clicked row ends at the model's output.
        lab.setMethod(InterpretabilityLab::Method::Shap);
        QVERIFY(waitForExplanation(lab));
        m = lab.measurements();
        QVERIFY(m.contains("additivity_error"));
        QVERIFY(m.value("additivity_error") < 1e-9);
        QVERIFY(lab.beeswarmView()->sampleCount() > 100);
        QVERIFY(lab.shapBarView()->hasData());
        QCOMPARE(lab.shapBarView()->featureOrder().front(), lab.beeswarmView()->featureOrder().front());
        const double before = lab.waterfallView()->prediction();
        lab.setInstance(5);
        QVERIFY(!lab.session()->isRunning());  // a new row of the summary only redraws
        QVERIFY(lab.waterfallView()->prediction() != before);
        QCOMPARE(lab.waterfallView()->steps().first().start, lab.waterfallView()->expectedValue());

        // LIME for the row beside its SHAP values.
        lab.setMethod(InterpretabilityLab::Method::Lime);
        QVERIFY(waitForExplanation(lab));
        m = lab.measurements();
        qInfo() << "LIME local R²" << m.value("lime_score");
        QVERIFY(m.value("lime_score", 0.0) > 0.2);  // a real local fit, not a degenerate kernel
        QVERIFY(lab.limeView()->hasData());
        QVERIFY(lab.limeShapView()->hasData());
        // Partial dependence with ICE.
        lab.setMethod(InterpretabilityLab::Method::PartialDependence);
        QVERIFY(waitForExplanation(lab));
        QVERIFY(lab.pdpView()->hasData());
        QVERIFY(!lab.pdpView()->iceRowsShown().empty());
    }

    void boosterLogOddsCanBeShownAsProbability()
    {
        InterpretabilityLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("interpretability");
        preset.insert("method", "shap");
        preset.insert("pipeline", QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "GradientBoostingClassifier"},
                                                                              {"n_estimators", 50}, {"max_depth", 3}}}}});
        lab.applyPreset(preset);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.measurements().value("additivity_error") < 1e-9);
        QVERIFY(lab.probabilityToggle()->isEnabled());
        const double margin = lab.waterfallView()->prediction();
        lab.probabilityToggle()->setChecked(true);
        // The rescaled contributions end exactly at the predicted probability σ(margin).
        QVERIFY(std::abs(lab.waterfallView()->prediction() - 1.0 / (1.0 + std::exp(-margin))) < 1e-12);
        QVERIFY(lab.waterfallView()->expectedValue() > 0 && lab.waterfallView()->expectedValue() < 1);
    }

    void kernelShapComesCloseToTreeShap()
    {
        InterpretabilityLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("interpretability");
        preset.insert("method", "shap");
        preset.insert("explainer", "kernel");
        lab.applyPreset(preset);
        QVERIFY(lab.runStepsBlocking(1, 240000));
        const auto m = lab.measurements();
        qInfo() << "KernelSHAP vs TreeSHAP, row 0:" << m.value("kernel_vs_tree") << "additivity" << m.value("additivity_error")
                << "ms" << m.value("explain_ms");
        QVERIFY(m.contains("kernel_vs_tree"));
        QVERIFY(m.value("kernel_vs_tree") < 0.05);   // probabilities: close but not identical
        QVERIFY(m.value("additivity_error") < 1e-6);  // the efficiency constraint holds
    }
};

QTEST_MAIN(TestInterpretabilityLab)
#include "test_interpretability_lab.moc"
