// Interview drills: one practice item at a time (a chapter's, or everything
// due), answered, graded with Again/Hard/Good/Easy and rescheduled with SM-2;
// beside it what is due per chapter, mastery per chapter as a chart and the
// streak. Reads lessons from a LessonLibrary, records into a ProgressStore.
#pragma once

#include "ui/lessons/lesson_library.h"
#include "ui/practice/progress_store.h"
#include "ui/practice/sm2_scheduler.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QWidget>
#include <functional>

class QBarSet;
class QChartView;
class QCheckBox;
class QComboBox;
class QCommandLinkButton;
class QGroupBox;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QShortcut;
class QTableWidget;
class QTimer;
class QVBoxLayout;

namespace dslab {

class PracticeView : public QWidget {
    Q_OBJECT
public:
    // Both must outlive the view. The view saves the store after every answer.
    PracticeView(const LessonLibrary& library, ProgressStore& store, QWidget* parent = nullptr);

    static constexpr int kTimerSeconds = 120;
    // Anki's learn-ahead limit: when nothing else is left, a learning card due
    // within this many minutes is shown rather than ending the session.
    static constexpr int kLearnAheadMinutes = 20;

    // 0 = everything due across the curriculum, 1..7 = one chapter.
    void setScope(int chapter);
    int scope() const;
    // Re-reads the store (for example after an import) and shows the next item.
    void refresh();
    // The clock answers are recorded with (tests fix it; default: now).
    void setClock(std::function<QDateTime()> clock);

    // The item on screen, "" when nothing is due in the scope.
    QString currentItemId() const { return m_itemId; }
    const PracticeItem* currentItem() const;
    // True once the item is answered (choice) or revealed (recall): rating is open.
    bool canRate() const { return m_canRate; }
    // The rating suggested for the answer given (choice: right → Good,
    // wrong → Again; recall: by the share of key points ticked).
    Rating suggestedRating() const { return m_suggested; }
    int timerRemaining() const { return m_remaining; }
    // Mastery per chapter, 0..1, as drawn in the chart (index 0 = chapter 1).
    QList<double> masteryPerChapter() const;

    // Controls, for tests and for the window that hosts the view.
    QComboBox* scopeBox() const { return m_scopeBox; }
    QPushButton* ratingButton(Rating rating) const;
    QList<QCommandLinkButton*> optionButtons() const { return m_optionButtons; }
    QPlainTextEdit* answerEdit() const { return m_answerEdit; }
    QPushButton* revealButton() const { return m_revealButton; }
    QLabel* modelAnswerLabel() const { return m_modelAnswer; }
    QList<QCheckBox*> keyPointBoxes() const { return m_keyPointBoxes; }
    QCheckBox* timerCheck() const { return m_timerCheck; }
    QLabel* timerLabel() const { return m_timerLabel; }
    QLabel* streakLabel() const { return m_streakLabel; }
    QTableWidget* chapterTable() const { return m_chapterTable; }
    QChartView* masteryChart() const { return m_chartView; }

public slots:
    // Records the rating for the current item and moves to the next due one.
    void rate(dslab::Rating rating);
    // Shows a recall item's model answer and key points.
    void reveal();
    // Grades a choice item with option `index`.
    void choose(int index);

signals:
    void openLessonRequested(const QString& lessonId);
    void answered(const QString& itemId, dslab::Rating rating);
    // Saving failed; the store's message, for a status bar.
    void problemReported(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Candidate {
        const Lesson* lesson = nullptr;
        int index = 0;
        Card card;
    };

    void buildCardArea(QVBoxLayout* layout);
    QWidget* buildSidePanel();
    void showNext();
    void showItem(const Lesson& lesson, int index);
    void showNothingDue();
    QList<Candidate> candidates() const;
    void clearItemWidgets();
    void openRating(Rating suggestion, const QString& why);
    void updateRecallSuggestion();
    void updateRatingLabels();
    void refreshStats();
    void startTimer();
    void stopTimer();
    void tick();

    const LessonLibrary& m_library;
    ProgressStore& m_store;
    std::function<QDateTime()> m_clock;

    // The item on screen.
    QString m_itemId;
    const Lesson* m_lesson = nullptr;
    int m_index = -1;
    bool m_canRate = false;
    bool m_revealed = false;
    bool m_choseCorrectly = false;
    Rating m_suggested = Rating::Good;
    int m_remaining = kTimerSeconds;

    QComboBox* m_scopeBox = nullptr;
    QCheckBox* m_timerCheck = nullptr;
    QLabel* m_timerLabel = nullptr;
    QTimer* m_timer = nullptr;
    QWidget* m_itemPanel = nullptr;
    QLabel* m_whereLabel = nullptr;
    QPushButton* m_openLessonButton = nullptr;
    QLabel* m_promptLabel = nullptr;
    QWidget* m_optionsPanel = nullptr;
    QVBoxLayout* m_optionsLayout = nullptr;
    QList<QCommandLinkButton*> m_optionButtons;
    QPlainTextEdit* m_answerEdit = nullptr;
    QPushButton* m_revealButton = nullptr;
    QLabel* m_modelAnswerTitle = nullptr;
    QLabel* m_modelAnswer = nullptr;
    QGroupBox* m_keyPointsBox = nullptr;
    QGridLayout* m_keyPointsLayout = nullptr;
    QList<QCheckBox*> m_keyPointBoxes;
    QList<QLabel*> m_keyPointLabels;
    QLabel* m_suggestionLabel = nullptr;
    QList<QPushButton*> m_ratingButtons;  // Again, Hard, Good, Easy
    QLabel* m_emptyLabel = nullptr;
    QShortcut* m_revealShortcut = nullptr;
    QList<QShortcut*> m_ratingShortcuts;

    QLabel* m_streakLabel = nullptr;
    QTableWidget* m_chapterTable = nullptr;
    QChartView* m_chartView = nullptr;
    QBarSet* m_learnedSet = nullptr;
    QBarSet* m_masteredSet = nullptr;
};

}  // namespace dslab
