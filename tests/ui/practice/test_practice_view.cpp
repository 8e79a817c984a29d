// The drill view driven as a learner would, over the real lessons: a choice
// item answered with the mouse is recorded and scheduled, a wrong answer
// suggests Again but can be overridden, a recall item reveals its model
// answer and key points, keys 1-4 and Space work, and the side panel counts.
#include "tests/support/test_support.h"
#include "ui/lessons/lesson_library.h"
#include "ui/practice/practice_view.h"
#include "ui/practice/progress_store.h"

#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace dslab;

namespace {

int correctOption(const PracticeItem& item)
{
    for (int i = 0; i < item.options.size(); ++i)
        if (item.options[i].correct)
            return i;
    return -1;
}

PracticeRecord easyAnswer(const QString& item, const QDateTime& at)
{
    PracticeRecord r;
    r.itemId = item;
    r.at = at;
    r.rating = Rating::Easy;
    r.correct = true;
    return r;
}

}  // namespace

class TestPracticeView : public QObject {
    Q_OBJECT
private:
    LessonLibrary m_library;
    QDateTime m_now = QDateTime(QDate(2024, 3, 4), QTime(12, 0));

    // A view over a fresh store in `dir`, shown and active so shortcuts work.
    std::unique_ptr<PracticeView> makeView(ProgressStore& store)
    {
        auto view = std::make_unique<PracticeView>(m_library, store);
        view->setClock([this] { return m_now; });
        view->resize(1280, 720);
        view->show();
        view->activateWindow();
        if (!QTest::qWaitForWindowActive(view.get()))
            qWarning("window not active: shortcut checks may fail");
        return view;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_library.load(QString::fromStdString(test::lessonsDir()));
        QVERIFY2(m_library.problems().isEmpty(), qPrintable(m_library.problems().join("\n")));
        QVERIFY(!m_library.lessons().isEmpty());
    }

    void init() { m_now = QDateTime(QDate(2024, 3, 4), QTime(12, 0)); }

    void choiceAnsweredThroughTheUi()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        ProgressStore store(path);
        QVERIFY(store.load());
        auto view = makeView(store);
        view->setScope(1);
        QCOMPARE(view->scope(), 1);

        const QString first = ProgressStore::itemId(m_library.lessons().first().id, 0);
        QCOMPARE(view->currentItemId(), first);
        const PracticeItem* item = view->currentItem();
        QVERIFY(item && item->kind == PracticeItem::Kind::Choice);
        QCOMPARE(view->optionButtons().size(), item->options.size());
        QVERIFY(!view->canRate());
        QVERIFY(!view->ratingButton(Rating::Good)->isEnabled());

        const int correct = correctOption(*item);
        const int heightBefore = view->optionButtons()[correct]->heightForWidth(500);
        QTest::mouseClick(view->optionButtons()[correct], Qt::LeftButton);
        QVERIFY(view->canRate());
        QCOMPARE(view->suggestedRating(), Rating::Good);
        QVERIFY(view->ratingButton(Rating::Good)->hasFocus());
        // Every option explains itself once answered, and its button grows to show it.
        for (int i = 0; i < item->options.size(); ++i)
            QVERIFY(view->optionButtons()[i]->description().contains(item->options[i].why));
        QVERIFY(view->optionButtons()[correct]->heightForWidth(500) > heightBefore);
        // A second click on an option changes nothing.
        QTest::mouseClick(view->optionButtons()[(correct + 1) % item->options.size()], Qt::LeftButton);
        QCOMPARE(view->suggestedRating(), Rating::Good);

        QSignalSpy answered(view.get(), &PracticeView::answered);
        QTest::mouseClick(view->ratingButton(Rating::Good), Qt::LeftButton);
        QCOMPARE(answered.count(), 1);
        QCOMPARE(answered.first().first().toString(), first);

        QCOMPARE(store.history().size(), 1);
        const PracticeRecord& record = store.history().first();
        QCOMPARE(record.itemId, first);
        QCOMPARE(record.rating, Rating::Good);
        QCOMPARE(record.kind, PracticeItem::Kind::Choice);
        QVERIFY(record.correct);
        // Good on a new card: the second learning step, 10 minutes.
        Card card = store.card(first);
        QCOMPARE(card.state, CardState::Learning);
        QCOMPARE(ProgressStore::toDateTime(card.due), m_now.addSecs(600));
        QVERIFY(view->currentItemId() != first);

        // Saved after the answer.
        ProgressStore reloaded(path);
        QVERIFY(reloaded.load());
        QCOMPARE(reloaded.history().size(), 1);

        // Ten minutes later the learning card comes first; Good (key 3) graduates it: 1 day.
        m_now = m_now.addSecs(600);
        view->refresh();
        QCOMPARE(view->currentItemId(), first);
        QTest::mouseClick(view->optionButtons()[correct], Qt::LeftButton);
        QTest::keyClick(view->ratingButton(Rating::Good), Qt::Key_3);
        card = store.card(first);
        QCOMPARE(card.state, CardState::Review);
        QCOMPARE(card.intervalDays, 1);
        QCOMPARE(store.history().size(), 2);
    }

    void wrongChoiceSuggestsAgainAndCanBeOverridden()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        auto view = makeView(store);
        view->setScope(1);
        const QString id = view->currentItemId();
        const PracticeItem* item = view->currentItem();
        QVERIFY(item);
        const int wrong = (correctOption(*item) + 1) % item->options.size();
        QTest::mouseClick(view->optionButtons()[wrong], Qt::LeftButton);
        QCOMPARE(view->suggestedRating(), Rating::Again);
        QVERIFY(view->optionButtons()[wrong]->text().contains("not correct"));
        QTest::mouseClick(view->ratingButton(Rating::Easy), Qt::LeftButton);  // the learner's call
        QCOMPARE(store.history().size(), 1);
        QCOMPARE(store.history().first().rating, Rating::Easy);
        QVERIFY(!store.history().first().correct);
        QCOMPARE(store.card(id).intervalDays, 4);
    }

    void recallRevealsKeyPoints()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        // Answer the first lesson's items until its first recall item is next.
        const Lesson& lesson = m_library.lessons().first();
        int recall = -1;
        for (int i = 0; i < lesson.practice.size() && recall < 0; ++i) {
            if (lesson.practice[i].kind == PracticeItem::Kind::Recall)
                recall = i;
            else
                store.recordAnswer(easyAnswer(ProgressStore::itemId(lesson.id, i), m_now.addSecs(-60)));
        }
        QVERIFY(recall >= 0);
        auto view = makeView(store);
        view->setScope(lesson.chapter);
        QCOMPARE(view->currentItemId(), ProgressStore::itemId(lesson.id, recall));
        const PracticeItem& item = lesson.practice[recall];

        QVERIFY(view->answerEdit()->isVisible());
        QVERIFY(view->revealButton()->isVisible());
        QVERIFY(!view->modelAnswerLabel()->isVisible());
        QVERIFY(view->keyPointBoxes().isEmpty());
        // Spaces typed in the answer stay in the answer.
        view->answerEdit()->setFocus();
        QTest::keyClicks(view->answerEdit(), "log loss is convex");
        QCOMPARE(view->answerEdit()->toPlainText(), QString("log loss is convex"));
        QVERIFY(!view->canRate());

        // Space elsewhere reveals.
        view->revealButton()->setFocus();
        QTest::keyClick(view->revealButton(), Qt::Key_Space);
        QVERIFY(view->modelAnswerLabel()->isVisible());
        QCOMPARE(view->modelAnswerLabel()->text(), item.answer);
        QCOMPARE(view->keyPointBoxes().size(), item.keyPoints.size());
        for (int i = 0; i < item.keyPoints.size(); ++i) {
            QVERIFY(view->keyPointBoxes()[i]->isVisible());
            QCOMPARE(view->keyPointBoxes()[i]->accessibleName(), item.keyPoints[i]);
        }
        QVERIFY(view->canRate());
        QCOMPARE(view->suggestedRating(), Rating::Again);  // nothing ticked yet

        for (auto* box : view->keyPointBoxes())
            QTest::mouseClick(box, Qt::LeftButton);
        QCOMPARE(view->suggestedRating(), Rating::Good);
        QTest::mouseClick(view->keyPointBoxes().first(), Qt::LeftButton);  // untick one
        QCOMPARE(view->suggestedRating(), item.keyPoints.size() >= 2 ? Rating::Hard : Rating::Again);

        QTest::mouseClick(view->ratingButton(Rating::Hard), Qt::LeftButton);
        const PracticeRecord& record = store.history().last();
        QCOMPARE(record.kind, PracticeItem::Kind::Recall);
        QCOMPARE(record.rating, Rating::Hard);
        QCOMPARE(record.keyPointsTotal, static_cast<int>(item.keyPoints.size()));
        QCOMPARE(record.keyPointsCovered, static_cast<int>(item.keyPoints.size()) - 1);
        // Hard on a new card: the average of the two learning steps, 5.5 minutes.
        QCOMPARE(ProgressStore::toDateTime(store.card(record.itemId).due), m_now.addSecs(330));
    }

    void timerCountsDown()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        auto view = makeView(store);
        QVERIFY(!view->timerLabel()->isVisible());
        view->timerCheck()->setChecked(true);
        QVERIFY(view->timerLabel()->isVisible());
        QCOMPARE(view->timerLabel()->text(), QString("2:00"));
        QTRY_COMPARE_WITH_TIMEOUT(view->timerRemaining(), PracticeView::kTimerSeconds - 1, 3000);
        QCOMPARE(view->timerLabel()->text(), QString("1:59"));
        // Answering stops the clock.
        QTest::mouseClick(view->optionButtons().first(), Qt::LeftButton);
        const int stopped = view->timerRemaining();
        QTest::qWait(1200);
        QCOMPARE(view->timerRemaining(), stopped);
    }

    void sidePanelCountsDueMasteryAndStreak()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        // One item of chapter 1 made mature: Easy at day 0 (4 days), day 4
        // (13 days), day 17 (45 days). One more item left due today.
        const Lesson& lesson = m_library.lessons().first();
        const QString mature = ProgressStore::itemId(lesson.id, 0);
        const QDateTime start = m_now.addDays(-17);
        store.recordAnswer(easyAnswer(mature, start));
        store.recordAnswer(easyAnswer(mature, start.addDays(4)));
        store.recordAnswer(easyAnswer(mature, start.addDays(17)));
        QCOMPARE(store.card(mature).intervalDays, 45);
        store.recordAnswer(easyAnswer(ProgressStore::itemId(lesson.id, 1), m_now.addDays(-4)));

        auto view = makeView(store);
        const ChapterProgress chapter = store.chapterProgress(m_library, lesson.chapter, m_now);
        QCOMPARE(chapter.due, 1);
        QCOMPARE(view->chapterTable()->item(lesson.chapter, 1)->text(), QString("1"));
        QCOMPARE(view->chapterTable()->item(lesson.chapter, 2)->text(), QString::number(chapter.newItems));
        QCOMPARE(view->chapterTable()->item(0, 1)->text(), QString("1"));
        const QList<double> mastery = view->masteryPerChapter();
        QCOMPARE(mastery.size(), LessonLibrary::chapterCount());
        QCOMPARE(mastery[lesson.chapter - 1], 1.0 / chapter.items);
        QCOMPARE(mastery[1], 0.0);
        QVERIFY2(view->streakLabel()->text().contains("1 day"), qPrintable(view->streakLabel()->text()));
        // "All due": the due review comes before any new item.
        QCOMPARE(view->scope(), 0);
        QCOMPARE(view->currentItemId(), ProgressStore::itemId(lesson.id, 1));

        // Activating a chapter's row drills that chapter.
        QSignalSpy changed(view->scopeBox(), &QComboBox::currentIndexChanged);
        emit view->chapterTable()->cellActivated(2, 0);
        QCOMPARE(view->scope(), 2);
        QCOMPARE(changed.count(), 1);
    }

    void openLessonAndAccessibleNames()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        auto view = makeView(store);
        view->setScope(2);
        QSignalSpy open(view.get(), &PracticeView::openLessonRequested);
        for (auto* b : view->findChildren<QPushButton*>())
            if (b->accessibleName() == "open the lesson of this question")
                QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(open.count(), 1);
        QString lessonId;
        QVERIFY(ProgressStore::splitItemId(view->currentItemId(), &lessonId, nullptr));
        QCOMPARE(open.first().first().toString(), lessonId);
        QCOMPARE(m_library.find(lessonId)->chapter, 2);

        QList<QWidget*> controls{view->scopeBox(), view->timerCheck(), view->answerEdit(), view->revealButton(),
                                 view->chapterTable(), view->masteryChart(), view->streakLabel()};
        for (Rating r : {Rating::Again, Rating::Hard, Rating::Good, Rating::Easy})
            controls << view->ratingButton(r);
        for (auto* b : view->optionButtons())
            controls << b;
        for (QWidget* w : controls)
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    }
};

QTEST_MAIN(TestPracticeView)
#include "test_practice_view.moc"
