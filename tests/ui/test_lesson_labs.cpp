// Every lesson whose lab is built, as the lesson drives it: the lesson's
// preset and each "try this" step build without an error (so no step names
// a parameter or dataset the engine does not have), and every
// predict-then-run card, run for real, lands in the option its author
// expects, so the cards never tell a learner something the lab contradicts.
#include "tests/support/test_support.h"
#include "ui/labs/lab.h"
#include "ui/labs/lab_registry.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_view.h"
#include "ui/session/training_session.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <memory>

using namespace dslab;

class TestLessonLabs : public QObject {
    Q_OBJECT

    LessonLibrary m_library;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_library.load(QString::fromStdString(test::lessonsDir()));
        QVERIFY(m_library.problems().isEmpty());
    }

    void everyStepOfABuiltLabBuilds()
    {
        int checked = 0;
        for (const Lesson& lesson : m_library.lessons()) {
            if (!LabRegistry::isBuilt(lesson.labType))
                continue;
            std::unique_ptr<Lab> lab(LabRegistry::create(lesson.labType, LabEnvironment{QString::fromStdString(test::datasetsDir())}, nullptr));
            lab->applyPreset(lesson.labPreset);
            QVERIFY2(lab->errorText().isEmpty(), qPrintable(lesson.id + ": " + lab->errorText()));
            for (int i = 0; i < lesson.tryThis.size(); ++i) {
                lab->applyPreset(mergePreset(lesson.labPreset, lesson.tryThis[i].preset));
                QVERIFY2(lab->errorText().isEmpty(),
                         qPrintable(QString("%1, step %2: %3").arg(lesson.id).arg(i + 1).arg(lab->errorText())));
                ++checked;
            }
            lab->shutdown();
        }
        QVERIFY(checked >= 30);
    }

    void everyPredictCardLandsWhereItsAuthorSays()
    {
        int cards = 0;
        for (const Lesson& lesson : m_library.lessons()) {
            if (lesson.predictions.isEmpty())
                continue;
            QVERIFY2(LabRegistry::isBuilt(lesson.labType), qPrintable(lesson.id + ": predict cards need a built lab"));
            LessonView view(LabEnvironment{QString::fromStdString(test::datasetsDir())});
            view.showLesson(lesson);
            for (int c = 0; c < lesson.predictions.size(); ++c) {
                const PredictCard& card = lesson.predictions[c];
                QSignalSpy checked(&view, &LessonView::predictionChecked);
                view.predict(c, 0);  // any prediction: the check is about the measurement
                QVERIFY(view.predictOutcome(c).running || checked.count() == 1);
                if (checked.isEmpty())
                    QVERIFY2(checked.wait(120000), qPrintable(lesson.id));
                const LessonView::PredictOutcome outcome = view.predictOutcome(c);
                QVERIFY2(outcome.measured, qPrintable(QString("%1 card %2: %3 was not measured; lab says: %4")
                                                          .arg(lesson.id).arg(c + 1).arg(card.measure, view.lab()->errorText())));
                qInfo() << lesson.id << "card" << c + 1 << card.measure << "=" << outcome.value;
                QVERIFY2(outcome.actual == card.expected,
                         qPrintable(QString("%1 card %2: %3 = %4 falls in option %5, the card expects %6")
                                        .arg(lesson.id).arg(c + 1).arg(card.measure).arg(outcome.value).arg(outcome.actual).arg(card.expected)));
                // The text tells the learner the outcome.
                const QString text = view.textView()->toPlainText();
                QVERIFY(text.contains(card.expected == 0 ? "Your prediction held" : "Not this time"));
                ++cards;
            }
        }
        QVERIFY(cards >= 7);
    }
};

QTEST_MAIN(TestLessonLabs)
#include "test_lesson_labs.moc"
