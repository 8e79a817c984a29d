// The text-preprocessing lab (lesson 44) on sms_spam, through the lesson's
// preset and each try-this step: the stages of the sample message, the
// corpus vocabulary per stage, cross-validated and held-out scores of the
// vectorizer + model pairs, and the claims the lesson text makes about them.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/labs/text_preprocessing_lab.h"

#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> run(TextPreprocessingLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("text-preprocessing", step));
    if (!lab.runStepsBlocking(1, 120000))
        qWarning("step %d: %s", step, qPrintable(lab.errorText()));
    const auto m = lab.measurements();
    QStringList keys;
    for (const char* k : {"rows", "duplicates_removed", "vocabulary_size", "train_vocabulary", "cv_accuracy", "cv_precision",
                          "cv_recall", "cv_f1", "cv_f1_std", "test_accuracy", "test_recall", "test_f1", "sample_nonzeros"})
        keys << QStringLiteral("%1=%2").arg(QLatin1String(k)).arg(m.value(QLatin1String(k)), 0, 'g', 5);
    qInfo("step %d: %s", step, qPrintable(keys.join(QLatin1Char(' '))));
    return m;
}

bool contains(const StringList& list, const std::string& word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

class TestTextPreprocessingLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void lessonStepsHoldOnTheLabsNumbers()
    {
        TextPreprocessingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();

        // The preset: counts into naive Bayes, duplicates dropped.
        const auto base = run(lab, -1);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        const MessageStages stages = lab.sampleStages();
        QCOMPARE(stages.lowered, std::string("85233 free>ringtone!reply real"));
        QCOMPARE(stages.tokens, (StringList{"85233", "free", "ringtone", "reply", "real"}));
        for (const auto& [k, v] : base.toStdMap())
            if (k.startsWith("vocabulary_") || k.startsWith("weight_"))
                qInfo("  %s = %g", qPrintable(k), v);
    }
};

QTEST_MAIN(TestTextPreprocessingLab)
#include "test_text_preprocessing_lab.moc"
