// The learner's progress: lessons visited and completed, every practice answer,
// the SM-2 card of each practice item and the days practised. Kept as versioned
// JSON in the user's application data folder; a file this version cannot read
// is set aside with a message, never overwritten.
#pragma once

#include "ui/lessons/lesson.h"
#include "ui/practice/sm2_scheduler.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace dslab {

class LessonLibrary;

// One answer to one practice item.
struct PracticeRecord {
    QString itemId;  // "<lesson-id>#<index>", index 0-based in the manifest's practice list
    QDateTime at;
    Rating rating = Rating::Good;
    PracticeItem::Kind kind = PracticeItem::Kind::Choice;
    bool correct = false;      // choice: the chosen option was the right one
    int keyPointsCovered = 0;  // recall: key points the learner ticked ...
    int keyPointsTotal = 0;    // ... out of this many
};

// Where a chapter (or, for chapter 0, the whole curriculum) stands.
struct ChapterProgress {
    int items = 0;     // practice items
    int newItems = 0;  // never answered
    int due = 0;       // answered before and due now (learning, review, relearning)
    int learned = 0;   // in the review state now (graduated, not learning or relearning)
    int mature = 0;    // in review with an interval of 21 days or more
    // Mastery is Anki's notion of a mature card: a share of the chapter's items
    // the learner has recalled well enough to be spaced three weeks or more.
    double mastery() const { return items > 0 ? double(mature) / items : 0.0; }
};

class ProgressStore {
public:
    static constexpr int kFormatVersion = 1;
    static constexpr const char* kFormatName = "dslab-progress";

    // <AppDataLocation>/progress.json.
    static QString defaultPath();
    explicit ProgressStore(QString path = defaultPath());

    QString path() const { return m_path; }

    // Reads the file. A missing file is a fresh start (true). A damaged file
    // or one from a newer format version is renamed aside
    // (progress.json.damaged-<yyyyMMdd-HHmmss> / .newer-<...>), progress
    // starts empty, lastProblem() says what happened and where the file went,
    // and the result is false.
    bool load();
    // Writes atomically (QSaveFile: a temporary file renamed over the old one).
    // Nothing is written until this is called. Refuses (false) while a file
    // exists that was never loaded or could not be set aside.
    bool save();
    // The last load/save/import/export problem, for the UI to show; empty when
    // the last such operation succeeded.
    QString lastProblem() const { return m_problem; }

    // Moving machines: export writes the current progress to `path`; import
    // reads and validates `path` first and, only when it is a readable
    // progress file, replaces the current progress with it and saves.
    bool exportTo(const QString& path);
    bool importFrom(const QString& path);

    // Lessons.
    void markVisited(const QString& lessonId) { m_data.visited.insert(lessonId); }
    void markCompleted(const QString& lessonId) { m_data.completed.insert(lessonId); }
    void setCompleted(const QString& lessonId, bool completed)
    {
        if (completed)
            m_data.completed.insert(lessonId);
        else
            m_data.completed.remove(lessonId);
    }
    bool isVisited(const QString& lessonId) const { return m_data.visited.contains(lessonId); }
    bool isCompleted(const QString& lessonId) const { return m_data.completed.contains(lessonId); }
    QSet<QString> visitedLessons() const { return m_data.visited; }
    QSet<QString> completedLessons() const { return m_data.completed; }

    // Practice items and their cards.
    static QString itemId(const QString& lessonId, int index);
    // False when `itemId` is not "<lesson-id>#<index>".
    static bool splitItemId(const QString& itemId, QString* lessonId, int* index);
    // The item's card; a New card when it was never answered.
    Card card(const QString& itemId) const { return m_data.cards.value(itemId, Card{}); }
    bool hasCard(const QString& itemId) const { return m_data.cards.contains(itemId); }
    // Schedules the item's card with the record's rating at record.at, appends
    // the record to the history and counts the day for the streak. Returns the
    // new card.
    Card recordAnswer(const PracticeRecord& record);
    const QList<PracticeRecord>& history() const { return m_data.history; }
    const Sm2Scheduler& scheduler() const { return m_scheduler; }

    // Chapter statistics over the library's practice items; chapter 0 = all.
    ChapterProgress chapterProgress(const LessonLibrary& library, int chapter, const QDateTime& now) const;
    // Consecutive local calendar days with at least one answer, ending today,
    // or yesterday when today has no answer yet (the streak is not lost until
    // a whole day passes without practice).
    int currentStreak(const QDate& today) const;
    QSet<QDate> practiceDays() const { return m_data.days; }

    // Anki's day rollover: a scheduling day starts at 4 a.m. local time.
    static Sm2Scheduler localScheduler();
    static Sm2Scheduler::TimePoint toTimePoint(const QDateTime& t);
    static QDateTime toDateTime(Sm2Scheduler::TimePoint t);

private:
    struct Data {
        QSet<QString> visited;
        QSet<QString> completed;
        QHash<QString, Card> cards;
        QList<PracticeRecord> history;
        QSet<QDate> days;
    };
    enum class ParseResult { Ok, Damaged, Newer };

    static ParseResult parse(const QByteArray& bytes, Data* out, QString* why, int* version);
    QByteArray serialize() const;
    bool writeAtomically(const QString& path, const QByteArray& bytes);
    QString setAside(const QString& kind);

    QString m_path;
    QString m_problem;
    bool m_loadAttempted = false;
    bool m_fileProtected = false;  // a file we could not read nor move: never write over it
    Sm2Scheduler m_scheduler;
    Data m_data;
};

}  // namespace dslab
