// The text-preprocessing lab (lesson 44) on sms_spam, through the lesson's
// preset and each try-this step: the stages of the sample message, the
// corpus vocabulary per stage (scikit-learn's CountVectorizer gives 8713
// terms lowercased and 10860 not on the 5159 deduplicated messages), the
// cross-validated and held-out scores of the vectorizer + model pairs, and
// the claims the lesson text makes about them.
#include "engine/pipeline/pipeline.h"
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/labs/text_preprocessing_lab.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace dslab;

namespace {

QMap<QString, double> run(TextPreprocessingLab& lab, int step)
{
    lab.applyPreset(test::lessonPreset("text-preprocessing", step));
    const bool ok = lab.runStepsBlocking(1, 120000);
    const auto m = lab.measurements();
    qInfo("step %d: vocabulary %g, CV accuracy %.3f, spam precision %.3f, recall %.3f, F1 %.3f ± %.3f; test F1 %.3f",
          step + 1, m.value("vocabulary_size"), m.value("cv_accuracy"), m.value("cv_precision"), m.value("cv_recall"),
          m.value("cv_f1"), m.value("cv_f1_std"), m.value("test_f1"));
    if (!ok)
        qWarning("step %d failed: %s", step + 1, qPrintable(lab.errorText()));
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

    void presetCountsIntoNaiveBayes()
    {
        TextPreprocessingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        const auto m = run(lab, -1);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        // 415 duplicate messages dropped before the split (the lesson's number).
        QCOMPARE(m["duplicates_removed"], 415.0);
        QCOMPARE(m["rows"], 5159.0);
        QCOMPARE(m["vocabulary_size"], 8713.0);
        QCOMPARE(m["vocabulary_words_as_written"], 10860.0);
        // The sample message: FREE becomes free, > and ! split words, 85233 stays.
        const MessageStages stages = lab.sampleStages();
        QCOMPARE(stages.lowered, std::string("85233 free>ringtone!reply real"));
        QCOMPARE(stages.tokens, (StringList{"85233", "free", "ringtone", "reply", "real"}));
        QCOMPARE(m["sample_nonzeros"], 5.0);
        QCOMPARE(m["weight_free"], 1.0);  // a count
        // The confusion matrix adds up to the test split and agrees with the F1.
        QCOMPARE(m["tp"] + m["fp"] + m["fn"] + m["tn"], static_cast<double>(lab.result()->testRows));
        QVERIFY(std::abs(m["test_f1"] - 2 * m["tp"] / (2 * m["tp"] + m["fp"] + m["fn"])) < 1e-12);
        QCOMPARE(m["test_f1"] > 0.9, true);
        // Counts + naive Bayes: spam recall about 0.90 in cross-validation.
        QVERIFY(m["cv_recall"] > 0.88 && m["cv_recall"] < 0.93);
        QVERIFY(m["cv_accuracy"] > 0.98);
        // The strongest spam terms are spam words.
        QVERIFY(!lab.result()->topTerms.empty());
        QVERIFY(lab.result()->topTerms.front().weight > 0);
        QVERIFY(lab.stagesHtml().contains("85233"));
    }

    void tryThisStepsHold()
    {
        TextPreprocessingLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(1000, 760);
        lab.show();
        const auto base = run(lab, -1);

        // Step 1: lowercase off, the vocabulary jumps from 8713 to 10,860.
        auto m = run(lab, 0);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(!lab.settings().lowercase);
        QCOMPARE(m["vocabulary_size"], 10860.0);
        QCOMPARE(lab.sampleStages().tokens, (StringList{"85233", "FREE", "Ringtone", "Reply", "REAL"}));

        // Step 2: TF-IDF. idf(free) from the training split is about 4.21 (4.19
        // on the whole corpus), and the rare shortcode outweighs free.
        m = run(lab, 1);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.settings().vectorizer, std::string("TfidfVectorizer"));
        QVERIFY2(std::abs(m["idf_free"] - 4.21) < 0.01, qPrintable(QString::number(m["idf_free"])));
        const std::vector<VectorEntry> row = lab.sampleVector();
        QCOMPARE(row.size(), std::size_t(5));
        QCOMPARE(row.front().term, std::string("85233"));
        QVERIFY(m["weight_85233"] > 2 * m["weight_free"]);
        double norm = 0;
        for (const VectorEntry& e : row)
            norm += e.weight * e.weight;
        QVERIFY(std::abs(norm - 1) < 1e-12);
        // ... and naive Bayes on TF-IDF loses spam recall: about 0.57 against 0.90 with counts.
        QVERIFY2(m["cv_recall"] < 0.62 && m["cv_recall"] > 0.52, qPrintable(QString::number(m["cv_recall"])));
        QVERIFY(base["cv_recall"] - m["cv_recall"] > 0.25);
        const double tfidfNbF1 = m["cv_f1"];

        // Step 3: TF-IDF into LogisticRegression with C = 10: F1 back to about 0.91.
        m = run(lab, 2);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.settings().model, std::string("LogisticRegression"));
        QCOMPARE(lab.settings().C, 10.0);
        QVERIFY2(std::abs(m["cv_f1"] - 0.91) < 0.015, qPrintable(QString::number(m["cv_f1"])));
        QVERIFY(m["cv_f1"] > tfidfNbF1 + 0.15);

        // Step 4: the English stop words remove "call", found in 277 of the
        // deduplicated spam messages; spam F1 moves by less than its fold spread.
        m = run(lab, 3);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(m["vocabulary_size"], 8444.0);
        QCOMPARE(m["stopword_call_positive_docs"], 277.0);
        QVERIFY(lab.sampleStages().removed.empty());  // the sample has no stop word
        QVERIFY(std::abs(m["cv_f1"] - base["cv_f1"]) < std::max(m["cv_f1_std"], base["cv_f1_std"]));

        // Step 5: porter stems and word pairs: about 47,600 columns, "free entri"
        // among them; claim, claims and claimed merge; F1 moves less than its spread.
        m = run(lab, 4);
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QCOMPARE(lab.settings().ngramMax, 2);
        QVERIFY(lab.settings().porterStemming);
        QCOMPARE(m["vocabulary_size"], 47639.0);
        QVERIFY(m["vocabulary_porter_stems"] < 8713.0);
        const StringList& terms = lab.result()->fitted->featureNames();
        QVERIFY(contains(terms, "free entri"));
        QVERIFY(contains(terms, "claim") && !contains(terms, "claims") && !contains(terms, "claimed"));
        QVERIFY(std::abs(m["cv_f1"] - base["cv_f1"]) < std::max(m["cv_f1_std"], base["cv_f1_std"]));
    }

    void settingsChangeClearsTheScoresAndErrorsAreShown()
    {
        TextPreprocessingLab lab(QString::fromStdString(test::datasetsDir()));
        QJsonObject preset = test::lessonPreset("text-preprocessing", -1);
        lab.applyPreset(preset);
        QVERIFY(lab.runStepsBlocking(1, 120000));
        QVERIFY(lab.result());
        lab.setSampleMessage(QStringLiteral("WINNER!! Claim your prize now"));
        QCOMPARE(lab.sampleStages().tokens, (StringList{"winner", "claim", "your", "prize", "now"}));
        QVERIFY(lab.result());  // a new message does not retrain

        preset.insert("text_column", QStringLiteral("body"));
        lab.applyPreset(preset);
        QVERIFY(lab.errorText().contains("'body'"));
        preset.insert("text_column", QStringLiteral("text"));
        preset.insert("pipeline", QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "TfidfVectorizer"}},
                                                                   QJsonObject{{"type", "KNeighborsClassifier"}}}}});
        lab.applyPreset(preset);
        QVERIFY2(lab.errorText().contains("MultinomialNB"), qPrintable(lab.errorText()));
    }
};

QTEST_MAIN(TestTextPreprocessingLab)
#include "test_text_preprocessing_lab.moc"
