// The encoding lab (lessons 38 and 39) drives one-hot, ordinal and raw codes
// through a linear model and a tree, and the lessons' claims hold on the
// lab's own cross-validated numbers: on bank_marketing's month one-hot helps
// the linear model and ordinal codes help a shallow tree; deeper trees make
// the two meet; min_frequency shrinks adult's native_country; on education
// the true order matters to the linear model, alphabetical codes ruin it, a
// reversal flips the slope but keeps the AUC. Folds: 2 repeats of 5-fold
// (the lessons use 10 or 5) to keep the test short.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/bar_series_view.h"
#include "ui/labs/encoding_lab.h"

#include <QComboBox>
#include <QListWidget>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <cmath>

using namespace dslab;

namespace {

QJsonObject quick(QJsonObject preset)
{
    QJsonObject cv = preset.value("cv").toObject();
    cv.insert("n_repeats", 2);
    preset.insert("cv", cv);
    return preset;
}

double rateOf(const BarSeriesView* chart, const QString& category)
{
    return chart->value(0, static_cast<int>(chart->groups().indexOf(category)));
}

bool near(double value, double expected, double tolerance)
{
    return std::abs(value - expected) <= tolerance;
}

}  // namespace

class TestEncodingLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void oneHotVersusOrdinalOnMonth()
    {
        EncodingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        lab.applyPreset(quick(test::lessonPreset("one-hot-vs-ordinal", 0)));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << m;
        // Step 1: twelve 0/1 columns with exactly one 1 per row; about 0.65 for the linear model.
        QCOMPARE(m["width_onehot"], 12.0);
        QCOMPARE(lab.previewTable()->columnCount(), 12);
        QCOMPARE(lab.previewTable()->horizontalHeaderItem(0)->text(), QStringLiteral("month_apr"));
        for (int r = 0; r < lab.previewTable()->rowCount(); ++r) {
            double sum = 0;
            for (int c = 0; c < 12; ++c)
                sum += lab.previewTable()->item(r, c)->text().toDouble();
            QCOMPARE(sum, 1.0);
        }
        QVERIFY(near(m["score_onehot_linear"], 0.65, 0.015));
        QVERIFY(near(rateOf(lab.rateChart(), "may"), 0.067, 0.001));
        QVERIFY(near(rateOf(lab.rateChart(), "oct"), 0.462, 0.001));
        QVERIFY(!std::isfinite(lab.scoreChart()->value(0, 2)));  // raw: month is text

        // Step 2: one column; the linear model near chance, the depth-3 tree about 0.63.
        QCOMPARE(m["width_ordinal"], 1.0);
        QVERIFY(near(m["score_ordinal_linear"], 0.52, 0.015));
        QVERIFY(near(m["score_ordinal_tree"], 0.63, 0.015));
        // Step 3: the depth-3 tree on one-hot columns is lower (about 0.58).
        QVERIFY(near(m["score_onehot_tree"], 0.58, 0.015));
        QVERIFY(m["score_onehot_tree"] < m["score_ordinal_tree"] - 0.02);
        QVERIFY(m["score_onehot_linear"] > m["score_ordinal_linear"] + 0.1);

        lab.applyPreset(quick(test::lessonPreset("one-hot-vs-ordinal", 2)));
        QCOMPARE(lab.maxDepthBox()->value(), 8);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "depth 8" << m;
        QVERIFY(near(m["score_onehot_tree"], m["score_ordinal_tree"], 0.01));
        QVERIFY(near(m["score_onehot_tree"], m["score_onehot_linear"], 0.01));
    }

    void heartDiseaseAndMinFrequency()
    {
        EncodingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        lab.applyPreset(quick(test::lessonPreset("one-hot-vs-ordinal", 3)));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << "heart" << m;
        // Raw codes about 0.84, one-hot about 0.85: a gain of under a point, within the spread.
        QVERIFY(near(m["score_raw_linear"], 0.838, 0.01));
        QVERIFY(near(m["score_onehot_linear"], 0.846, 0.01));
        QVERIFY(m["score_onehot_linear"] > m["score_raw_linear"]);
        QVERIFY(m["score_onehot_linear"] - m["score_raw_linear"] < m["std_onehot_linear"]);
        QVERIFY(near(rateOf(lab.rateChart(), "4"), 0.73, 0.01));  // cp 4 (asymptomatic)

        lab.applyPreset(quick(test::lessonPreset("one-hot-vs-ordinal", 4)));
        QVERIFY2(lab.runStepsBlocking(1, 120000), qPrintable(lab.errorText()));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.measurements()["width_onehot"], 6.0);
        lab.minFrequencyBox()->setValue(0);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QCOMPARE(lab.measurements()["width_onehot"], 41.0);
        QCOMPARE(lab.rateChart()->groups().size(), qsizetype(41));  // 40 countries and missing
    }

    void educationOrder()
    {
        EncodingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        lab.applyPreset(quick(test::lessonPreset("ordinal-encoding", 0)));
        QCOMPARE(lab.categoryOrder().first(), QStringLiteral("Preschool"));
        QCOMPARE(lab.categoryOrder().last(), QStringLiteral("Doctorate"));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        auto m = lab.measurements();
        qInfo() << "true order" << m;
        QVERIFY(near(m["score_ordinal_linear"], 0.72, 0.01));
        QVERIFY(near(rateOf(lab.rateChart(), "Bachelors"), 0.42, 0.01));
        QVERIFY(near(rateOf(lab.rateChart(), "Masters"), 0.57, 0.01));
        QVERIFY(near(rateOf(lab.rateChart(), "Prof-school"), 0.74, 0.01));
        const double trueOrder = m["score_ordinal_linear"];
        const double slope = m["linear_slope"];
        QVERIFY(slope > 0);

        // Step 4 (same run): one-hot matches the true-order codes for the linear
        // model with 16 columns; the depth-3 tree drops on one-hot columns.
        QCOMPARE(m["width_onehot"], 16.0);
        QVERIFY(near(m["score_onehot_linear"], trueOrder, 0.01));
        QVERIFY(near(m["score_onehot_tree"], 0.66, 0.015));
        QVERIFY(m["score_onehot_tree"] < trueOrder - 0.03);

        // Step 3: a local swap barely moves the AUC; HS-grad first costs a couple of points; reversing flips the slope only.
        const int doctorate = static_cast<int>(lab.categoryOrder().indexOf("Doctorate"));
        lab.moveCategory(doctorate, static_cast<int>(lab.categoryOrder().indexOf("Prof-school")));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        qInfo() << "Doctorate before Prof-school" << lab.measurements()["score_ordinal_linear"];
        QVERIFY(near(lab.measurements()["score_ordinal_linear"], trueOrder, 0.005));
        lab.moveCategory(static_cast<int>(lab.categoryOrder().indexOf("Doctorate")), doctorate);  // back
        lab.moveCategory(static_cast<int>(lab.categoryOrder().indexOf("HS-grad")), 0);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        qInfo() << "HS-grad first" << lab.measurements()["score_ordinal_linear"];
        QVERIFY(near(lab.measurements()["score_ordinal_linear"], 0.70, 0.01));
        QVERIFY(lab.measurements()["score_ordinal_linear"] < trueOrder - 0.01);
        lab.moveCategory(0, static_cast<int>(lab.categoryOrder().indexOf("Some-college")) - 1);  // back to the true order
        lab.reverseOrder();
        QCOMPARE(lab.categoryOrder().first(), QStringLiteral("Doctorate"));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        qInfo() << "reversed" << lab.measurements();
        QVERIFY(lab.measurements()["linear_slope"] < 0);
        QVERIFY(near(lab.measurements()["linear_slope"], -slope, 1e-3));
        QVERIFY(near(lab.measurements()["score_ordinal_linear"], trueOrder, 0.002));

        // Step 2: alphabetical codes (categories='auto').
        lab.applyPreset(quick(test::lessonPreset("ordinal-encoding", 1)));
        QCOMPARE(lab.categoryOrder().indexOf("Preschool"), 13);
        QCOMPARE(lab.categoryOrder().indexOf("Doctorate"), 10);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        m = lab.measurements();
        qInfo() << "alphabetical" << m;
        QVERIFY(near(m["score_ordinal_linear"], 0.53, 0.015));
        QVERIFY(near(m["score_ordinal_tree"], 0.68, 0.015));

        // Step 5: bank_marketing's education with 'unknown' coded -1 runs.
        lab.applyPreset(quick(test::lessonPreset("ordinal-encoding", 4)));
        QCOMPARE(lab.categoryOrder(), (QStringList{"primary", "secondary", "tertiary"}));
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        m = lab.measurements();
        qInfo() << "bank education" << m;
        QCOMPARE(m["width_onehot"], 4.0);  // unknown gets its own column: an indicator
        QVERIFY(std::isfinite(m["score_ordinal_linear"]));
    }
};

QTEST_MAIN(TestEncodingLab)
#include "test_encoding_lab.moc"
