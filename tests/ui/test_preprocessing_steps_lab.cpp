// The preprocessing-steps lab (lesson 35): titanic taken through the preset's
// stages, each the engine's own output fitted on the training rows, and the
// lesson's claims on the lab's numbers: the raw problems, the imputed median
// age and the indicator column, the encoded width, fare before and after
// log1p and scaling, the test accuracy against the majority class, and what
// breaks when a stage is switched off.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/labs/preprocessing_steps_lab.h"

#include <QStandardPaths>
#include <QTableWidget>
#include <QJsonObject>
#include <QTest>
#include <cmath>

using namespace dslab;

class TestPreprocessingStepsLab : public QObject {
    Q_OBJECT

private:
    void runStep(PreprocessingStepsLab& lab, int step, QMap<QString, double>& m)
    {
        lab.applyPreset(test::lessonPreset("data-preprocessing", step));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        m = lab.measurements();
        for (auto it = m.begin(); it != m.end(); ++it)
            QVERIFY2(std::isfinite(it.value()), qPrintable(it.key()));
        qInfo() << "step" << step + 1 << m;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stages()
    {
        PreprocessingStepsLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(900, 700);
        lab.show();
        QMap<QString, double> m;
        // 1. raw: the diagnosis on all 891 rows.
        runStep(lab, 0, m);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(lab.stage(), QString("raw"));
        QCOMPARE(m["raw__missing__age"], 177.0);
        QCOMPARE(m["raw__missing__cabin"], 687.0);
        QCOMPARE(m["raw__missing__embarked"], 2.0);
        QCOMPARE(m["raw__distinct__name"], 891.0);
        QCOMPARE(m["raw__distinct__ticket"], 681.0);
        QVERIFY(std::abs(m["raw__skew__fare"] - 4.79) < 0.01);
        QVERIFY(lab.problemsText().contains("name 891 distinct"));
        QVERIFY(lab.problemsText().contains("fare 4.79"));
        QVERIFY(lab.table()->rowCount() > 0);

        // 2. impute: name, ticket and cabin gone; the training median age 28; an indicator column; no gaps left.
        runStep(lab, 1, m);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m["drop_columns__columns"], 7.0);
        QCOMPARE(m["impute_fill__age"], 28.0);
        QCOMPARE(m["impute__missing_cells"], 0.0);
        QCOMPARE(m["impute__columns"], 8.0);  // 7 + age's missing indicator
        QVERIFY(!lab.problemsText().contains("missing"));

        // 3. encode: 4 numeric + 1 indicator + fare + 2 sex + 3 embarked = 11.
        runStep(lab, 2, m);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m["encode__columns"], 11.0);
        QCOMPARE(m["n_features"], 11.0);

        // 4. transform_scale: fare's largest value from 9.7 to 3.4 standard deviations, skewness from 4.79 to 0.39.
        runStep(lab, 3, m);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(std::abs(m["encode__max_z__fare__fare"] - 9.7) < 0.05);
        QVERIFY(std::abs(m["transform_scale__max_z__fare__fare"] - 3.4) < 0.05);
        QVERIFY(std::abs(m["transform_scale__skew__fare__fare"] - 0.39) < 0.01);

        // 5. model: test accuracy against the majority class; add_indicator off changes it by less than a point.
        runStep(lab, 4, m);
        if (QTest::currentTestFailed())
            return;
        const double withIndicator = 0.771;
        QVERIFY(std::abs(m["test_accuracy"] - withIndicator) < 0.001);
        QVERIFY(std::abs(m["baseline_accuracy"] - 0.615) < 0.001);
        QCOMPARE(m["n_features"], 10.0);
        QVERIFY(lab.modelError().isEmpty());
        QMap<QString, double> noFare;
        lab.applyPreset(mergePreset(test::lessonPreset("data-preprocessing", 4), QJsonObject{{"fare_transform", "none"}}));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        noFare = lab.measurements();
        qInfo() << "no add_indicator, no log1p: test accuracy" << noFare["test_accuracy"];
        // Without log1p as well, the score moves by about one point (0.782).
        QVERIFY(std::abs(noFare["test_accuracy"] - 0.782) < 0.001);
    }

    void switchedOffStagesBreakWithAReason()
    {
        PreprocessingStepsLab lab(QString::fromStdString(test::datasetsDir()));
        lab.applyPreset(test::lessonPreset("data-preprocessing", 4));
        lab.setStageEnabled("impute", false);
        lab.runStepsBlocking(1, 120000);  // false: the model stage reports the engine's error
        qInfo() << "impute off:" << lab.modelError();
        QVERIFY(lab.modelError().contains("missing"));
        QVERIFY(lab.errorText().contains("cannot be fitted"));
        lab.setStageEnabled("impute", true);
        lab.setStageEnabled("encode", false);
        lab.runStepsBlocking(1, 120000);
        qInfo() << "encode off:" << lab.modelError();
        QVERIFY(lab.modelError().contains("categorical"));
        QVERIFY(lab.modelError().contains("OneHotEncoder"));
    }
};

QTEST_MAIN(TestPreprocessingStepsLab)
#include "test_preprocessing_steps_lab.moc"
