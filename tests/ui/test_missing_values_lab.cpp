// The missing-values lab (lesson 40) cross-validates every strategy in the
// same pipeline and fills the air-passengers gaps, and the lesson's claims
// hold on its numbers: 177 missing ages become one spike at the median 28
// and the spread shrinks; passengers without an age survived less often; an
// indicator changes the score by about a point; dropping rows keeps 714;
// the strategies are within a couple of points; ffill holds 348 across the
// three-month gap, limit 1 fills only May; interpolation gives 377.8, 407.5,
// 437.2; the centred window of 3 leaves June empty; the seasonal fill is the
// closest of all.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/bar_series_view.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/missing_values_lab.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QComboBox>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

bool near(double value, double expected, double tolerance)
{
    return std::abs(value - expected) <= tolerance;
}

}  // namespace

class TestMissingValuesLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void strategiesOnTitanic()
    {
        MissingValuesLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        lab.applyPreset(test::lessonPreset("missing-values", 0));
        // Cancel stops a run and keeps the lab usable.
        lab.trainToEnd();
        QVERIFY(lab.session()->isRunning());
        lab.session()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.session()->isRunning(), 30000);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << m;
        // Step 1: the median fill stacks 177 ages on 28 and shrinks the spread.
        QCOMPARE(m["missing_age"], 177.0);
        QCOMPARE(m["spike_value"], 28.0);
        QVERIFY(m["spike_share"] > 0.2);  // 177 filled + 25 real 28-year-olds of 891
        QVERIFY(m["std_after"] < m["std_before"] - 1.0);
        QVERIFY(near(m["rate_when_missing"], 0.29, 0.005));
        QVERIFY(near(m["rate_when_present"], 0.41, 0.005));
        // Every strategy ran; dropping rows keeps the 714 passengers with an age.
        QCOMPARE(lab.scoreChart()->groups().size(), qsizetype(8));
        QCOMPARE(m["rows_drop_rows"], 714.0);
        QCOMPARE(m["rows_median"], 891.0);
        double lo = 1, hi = 0;
        for (const QString key : {"drop_rows", "drop_columns", "mean", "median", "most_frequent", "constant", "knn", "iterative"}) {
            QVERIFY2(m.contains("cv_" + key), qPrintable(key));
            lo = std::min(lo, m["cv_" + key]);
            hi = std::max(hi, m["cv_" + key]);
        }
        QVERIFY(hi - lo < 0.03);  // a point or two apart
        QCOMPARE(lab.missingChart()->value(0, static_cast<int>(lab.missingChart()->groups().indexOf("age"))), 177.0);
        QVERIFY(lab.histogram()->hasData());
        const double medianScore = m["cv_median"];

        // Step 2: the indicator column appears and moves the score by about a point.
        lab.applyPreset(test::lessonPreset("missing-values", 1));
        QVERIFY(lab.indicatorBox()->isChecked());
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "indicator" << m["cv_median"] << lab.transformedColumns();
        QVERIFY(lab.transformedColumns().contains("num__missingindicator_age"));
        QVERIFY(std::abs(m["cv_median"] - medianScore) < 0.015);

        // Step 3: the model-based imputers spread the fills out: no spike like the median's.
        lab.applyPreset(test::lessonPreset("missing-values", 2));
        QCOMPARE(lab.strategyBox()->currentData().toString(), QStringLiteral("KNNImputer"));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "knn" << m;
        QVERIFY(m["spike_share"] < 0.1);
        QVERIFY(m["std_after"] > 13.02);
        lab.strategyBox()->setCurrentIndex(lab.strategyBox()->findData("IterativeImputer"));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        qInfo() << "iterative" << lab.measurements();
        QVERIFY(lab.measurements()["spike_share"] < 0.1);
    }

    void penguins()
    {
        MissingValuesLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("missing-values", -1);
        preset.insert("dataset", "penguins");
        preset.insert("target", "species");
        preset.insert("columns", QJsonArray{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "sex"});
        preset.insert("show_column", "body_mass_g");
        lab.applyPreset(preset);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        const auto m = lab.measurements();
        qInfo() << "penguins" << m;
        QCOMPARE(m["missing_body_mass_g"], 2.0);
        QCOMPARE(m["rows_drop_rows"], 342.0);  // the 2 penguins with no measurement leave
        QVERIFY(m["cv_median"] > 0.95);
    }

    void seriesFills()
    {
        MissingValuesLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        // Step 4: ffill holds 348 across the run; with limit 1 only May is filled.
        lab.applyPreset(test::lessonPreset("missing-values", 3));
        auto m = lab.measurements();
        QCOMPARE(m["gaps"], 12.0);
        QCOMPARE(lab.limitBox()->value(), 1);
        QCOMPARE(m["fill_1"], 348.0);
        QVERIFY(!m.contains("fill_2") && !m.contains("fill_3"));
        lab.limitBox()->setValue(0);
        m = lab.measurements();
        QCOMPARE(m["fill_2"], 348.0);
        QCOMPARE(m["fill_3"], 348.0);
        QVERIFY(lab.seriesChart()->hasData());

        // Step 5: interpolation, the centred window of 3, and the seasonal fill.
        lab.applyPreset(test::lessonPreset("missing-values", 4));
        m = lab.measurements();
        qInfo() << m;
        QVERIFY(near(m["fill_1"], 353.6, 0.05) && near(m["fill_2"], 415.8, 0.05) && near(m["fill_3"], 459.2, 0.05));
        for (const QString method : {"ffill", "bfill", "interpolate", "rolling_mean"})
            QVERIFY2(m["mae_seasonal"] < m["mae_" + method], qPrintable(method));
        lab.seriesMethodBox()->setCurrentIndex(lab.seriesMethodBox()->findData("interpolate"));
        m = lab.measurements();
        QVERIFY(near(m["fill_1"], 377.75, 0.01) && near(m["fill_2"], 407.5, 0.01) && near(m["fill_3"], 437.25, 0.01));
        lab.seriesMethodBox()->setCurrentIndex(lab.seriesMethodBox()->findData("rolling_mean"));
        QVERIFY(lab.centerBox()->isChecked());
        m = lab.measurements();
        QVERIFY(m.contains("fill_1") && !m.contains("fill_2") && m.contains("fill_3"));
        QCOMPARE(m["filled_rolling_mean"], 11.0);

        // Gaps knocked out at random from the full series (seed 0): every method measured against the truth.
        lab.knockOutBox()->setValue(20);
        m = lab.measurements();
        QCOMPARE(m["gaps"], 20.0);
        QCOMPARE(m["filled_ffill"], 20.0);
        QVERIFY(m["mae_interpolate"] > 0 && m["mae_seasonal"] > 0);
    }
};

QTEST_MAIN(TestMissingValuesLab)
#include "test_missing_values_lab.moc"
