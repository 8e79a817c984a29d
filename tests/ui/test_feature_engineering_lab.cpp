// The feature-engineering lab (lesson 41): derived features on titanic made of
// the engine's table steps inside the cross-validated pipeline, and the
// lesson's claims on the lab's own numbers: the base accuracy, the title's
// survival rates and its gain against the fold spread, the hump of survival
// over family size, log_fare's skewness and its (lack of) effect on a forest,
// and the sex x class survival rates.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/category_rate_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/labs/feature_engineering_lab.h"

#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <cmath>

using namespace dslab;

class TestFeatureEngineeringLab : public QObject {
    Q_OBJECT

private:
    // Applies try-this step `step` (0-based), evaluates, and returns the measurements.
    void runStep(FeatureEngineeringLab& lab, int step, QMap<QString, double>& m)
    {
        lab.applyPreset(test::lessonPreset("feature-engineering", step));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 300000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        m = lab.measurements();
        for (auto it = m.begin(); it != m.end(); ++it)
            QVERIFY2(std::isfinite(it.value()), qPrintable(it.key()));
        qInfo() << "step" << step + 1 << m;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void baseline()
    {
        FeatureEngineeringLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        QMap<QString, double> m;
        runStep(lab, 0, m);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(std::abs(m["cv_score"] - 0.79) < 0.015);
        QCOMPARE(m["cv_score"], m["base_score"]);
        QVERIFY(std::abs(m["cv_std"] - 0.020) < 0.002);
        // Alone on the base: title +0.037; family_size is a sum of two base columns, so nothing; is_alone +0.013.
        QVERIFY(std::abs(m["gain_title"] - 0.037) < 0.002);
        QVERIFY(std::abs(m["gain_family_size"]) < 1e-9);
        QVERIFY(std::abs(m["gain_is_alone"] - 0.013) < 0.002);
        QVERIFY(lab.gainBars()->hasData());
        // Every derivation's add-one gain is measured.
        for (const auto& name : lab.derivationNames())
            QVERIFY2(m.contains("gain_" + name), qPrintable(name));
        QVERIFY(lab.pipelineJson().contains("ColumnTransformer"));
    }

    void title()
    {
        FeatureEngineeringLab lab(QString::fromStdString(test::datasetsDir()));
        QMap<QString, double> m;
        runStep(lab, 1, m);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(std::abs(m["rate_title_Mr"] - 0.157) < 0.005);
        QVERIFY(std::abs(m["rate_title_Mrs"] - 0.792) < 0.005);
        QVERIFY(std::abs(m["cv_score"] - 0.826) < 0.002);
        QVERIFY(std::abs(m["cv_std"] - 0.033) < 0.002);
        QVERIFY(m["cv_score"] - m["base_score"] > m["cv_std"]);
        QVERIFY(lab.pipelineJson().contains("RegexExtractor"));
        QCOMPARE(lab.rateView()->categories(), (QStringList{"Master", "Miss", "Mr", "Mrs", "Rare"}));
        QVERIFY(lab.previewTable()->rowCount() > 0);
    }

    void familySize()
    {
        FeatureEngineeringLab lab(QString::fromStdString(test::datasetsDir()));
        QMap<QString, double> m;
        runStep(lab, 2, m);
        if (QTest::currentTestFailed())
            return;
        // Rises from 1 to 4, then falls.
        QVERIFY(m["rate_family_size_1"] < m["rate_family_size_2"]);
        QVERIFY(m["rate_family_size_2"] < m["rate_family_size_3"]);
        QVERIFY(m["rate_family_size_3"] < m["rate_family_size_4"]);
        QVERIFY(m["rate_family_size_5"] < m["rate_family_size_4"]);
        QVERIFY(std::abs(m["rate_family_size_1"] - 0.30) < 0.005 && std::abs(m["rate_family_size_4"] - 0.72) < 0.005);
        QVERIFY(std::abs(m["rate_family_size_5"] - 0.20) < 0.005);
        // Next to title, each moves the score by about 0.001, far inside the fold spread.
        QVERIFY(std::abs(m["gain_family_size"]) < 0.003 && std::abs(m["gain_is_alone"]) < 0.003);
        QVERIFY(std::abs(m["gain_family_size"]) < m["cv_std"] / 5);
        QVERIFY(lab.pipelineJson().contains("ExpressionFeatures"));
    }

    void logFareWithAForest()
    {
        FeatureEngineeringLab lab(QString::fromStdString(test::datasetsDir()));
        QMap<QString, double> m;
        runStep(lab, 3, m);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(std::abs(m["skew_log_fare_source"] - 4.79) < 0.05);
        QVERIFY(std::abs(m["skew_log_fare"]) < 0.5);
        // A monotone transform leaves a forest's score unchanged.
        QCOMPARE(m["gain_log_fare"], 0.0);
    }

    void sexByClass()
    {
        FeatureEngineeringLab lab(QString::fromStdString(test::datasetsDir()));
        QMap<QString, double> m;
        runStep(lab, 4, m);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(std::abs(m["rate_sex_x_pclass_female_1"] - 0.968) < 0.001);
        QVERIFY(std::abs(m["rate_sex_x_pclass_female_3"] - 0.5) < 0.001);
        QVERIFY(std::abs(m["rate_sex_x_pclass_male_3"] - 0.135) < 0.001);
        // The interaction's gain is inside the noise: about +0.005 against a spread of about 0.026.
        QVERIFY(std::abs(m["gain_sex_x_pclass"] - 0.0045) < 0.002);
        QVERIFY(m["gain_sex_x_pclass"] < m["cv_std"]);
        QVERIFY(std::abs(m["cv_std"] - 0.026) < 0.002);
    }
};

QTEST_MAIN(TestFeatureEngineeringLab)
#include "test_feature_engineering_lab.moc"
