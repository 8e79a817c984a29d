#include "ui/practice/progress_store.h"

#include "ui/lessons/lesson_library.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QObject>
#include <QTimeZone>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace dslab {

namespace {

// Thrown inside parse() only: the first problem found, with where it is.
struct Damage {
    QString why;
};

[[noreturn]] void damaged(const QString& where, const QString& what)
{
    throw Damage{where.isEmpty() ? what : where + ": " + what};
}

int toInt(const QJsonValue& v, const QString& where, int minimum = 0)
{
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || std::floor(d) != d || d < minimum || d > std::numeric_limits<int>::max())
        damaged(where, QStringLiteral("expected a whole number ≥ %1").arg(minimum));
    return static_cast<int>(d);
}

QString toText(const QJsonValue& v, const QString& where)
{
    if (!v.isString() || v.toString().isEmpty())
        damaged(where, QStringLiteral("expected a non-empty text"));
    return v.toString();
}

QDateTime toTime(const QJsonValue& v, const QString& where)
{
    const QDateTime t = QDateTime::fromString(toText(v, where), Qt::ISODateWithMs);
    if (!t.isValid())
        damaged(where, QStringLiteral("not a date and time"));
    return t.toUTC();
}

QJsonObject toObject(const QJsonValue& v, const QString& where)
{
    if (!v.isObject())
        damaged(where, QStringLiteral("expected an object"));
    return v.toObject();
}

// Sections are optional (an empty progress has nothing to list), but when
// present they must have the right shape.
QJsonArray optionalArray(const QJsonObject& o, const QString& key, const QString& where)
{
    if (!o.contains(key))
        return {};
    if (!o.value(key).isArray())
        damaged(where + key, QStringLiteral("expected a list"));
    return o.value(key).toArray();
}

QString timeText(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

void checkItemId(const QString& id, const QString& where)
{
    if (!ProgressStore::splitItemId(id, nullptr, nullptr))
        damaged(where, QStringLiteral("'%1' is not a practice item id (<lesson-id>#<index>)").arg(id));
}

Card parseCard(const QJsonObject& o, const QString& where)
{
    Card card;
    if (!Sm2Scheduler::fromString(toText(o.value("state"), where + ".state").toStdString(), card.state))
        damaged(where + ".state", QStringLiteral("unknown state '%1'").arg(o.value("state").toString()));
    if (card.state != CardState::New)
        card.due = ProgressStore::toTimePoint(toTime(o.value("due"), where + ".due"));
    card.intervalDays = toInt(o.value("interval_days"), where + ".interval_days");
    card.easePermille = toInt(o.value("ease_permille"), where + ".ease_permille", Sm2Scheduler::kMinimumEasePermille);
    card.step = toInt(o.value("step"), where + ".step");
    card.reps = toInt(o.value("reps"), where + ".reps");
    card.lapses = toInt(o.value("lapses"), where + ".lapses");
    return card;
}

PracticeRecord parseRecord(const QJsonObject& o, const QString& where)
{
    PracticeRecord r;
    r.itemId = toText(o.value("item"), where + ".item");
    checkItemId(r.itemId, where + ".item");
    r.at = toTime(o.value("at"), where + ".at");
    if (!Sm2Scheduler::fromString(toText(o.value("rating"), where + ".rating").toStdString(), r.rating))
        damaged(where + ".rating", QStringLiteral("unknown rating '%1'").arg(o.value("rating").toString()));
    const QString kind = toText(o.value("kind"), where + ".kind");
    if (kind == "choice") {
        r.kind = PracticeItem::Kind::Choice;
        if (!o.value("correct").isBool())
            damaged(where + ".correct", QStringLiteral("expected true or false"));
        r.correct = o.value("correct").toBool();
    } else if (kind == "recall") {
        r.kind = PracticeItem::Kind::Recall;
        r.keyPointsTotal = toInt(o.value("key_points_total"), where + ".key_points_total");
        r.keyPointsCovered = toInt(o.value("key_points_covered"), where + ".key_points_covered");
        if (r.keyPointsCovered > r.keyPointsTotal)
            damaged(where, QStringLiteral("more key points covered than there are"));
    } else {
        damaged(where + ".kind", QStringLiteral("unknown kind '%1'").arg(kind));
    }
    return r;
}

QJsonArray sortedArray(const QSet<QString>& set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return QJsonArray::fromStringList(list);
}

}  // namespace

QString ProgressStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/progress.json";
}

ProgressStore::ProgressStore(QString path) : m_path(std::move(path)), m_scheduler(localScheduler()) {}

Sm2Scheduler ProgressStore::localScheduler()
{
    const int utcOffset = QDateTime::currentDateTime().offsetFromUtc();
    return Sm2Scheduler(std::chrono::hours(4) - std::chrono::seconds(utcOffset));
}

Sm2Scheduler::TimePoint ProgressStore::toTimePoint(const QDateTime& t)
{
    return Sm2Scheduler::TimePoint(std::chrono::milliseconds(t.toMSecsSinceEpoch()));
}

QDateTime ProgressStore::toDateTime(Sm2Scheduler::TimePoint t)
{
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QString ProgressStore::itemId(const QString& lessonId, int index)
{
    return lessonId + '#' + QString::number(index);
}

bool ProgressStore::splitItemId(const QString& itemId, QString* lessonId, int* index)
{
    const qsizetype hash = itemId.lastIndexOf('#');
    if (hash <= 0)
        return false;
    bool ok = false;
    const int i = itemId.mid(hash + 1).toInt(&ok);
    if (!ok || i < 0)
        return false;
    if (lessonId)
        *lessonId = itemId.left(hash);
    if (index)
        *index = i;
    return true;
}

ProgressStore::ParseResult ProgressStore::parse(const QByteArray& bytes, Data* out, QString* why, int* version)
{
    try {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (doc.isNull())
            damaged({}, QStringLiteral("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
        if (!doc.isObject())
            damaged({}, QStringLiteral("not a JSON object"));
        const QJsonObject root = doc.object();
        if (root.value("format").toString() != QLatin1String(kFormatName))
            damaged({}, QStringLiteral("not a DS Interview Lab progress file (no \"format\": \"%1\")").arg(kFormatName));
        *version = toInt(root.value("format_version"), "format_version", 1);
        // A newer version may have changed any section's meaning: read none of it.
        if (*version > kFormatVersion)
            return ParseResult::Newer;

        Data data;
        const QJsonObject lessons = root.contains("lessons") ? toObject(root.value("lessons"), "lessons") : QJsonObject();
        for (const auto& v : optionalArray(lessons, "visited", "lessons."))
            data.visited.insert(toText(v, "lessons.visited"));
        for (const auto& v : optionalArray(lessons, "completed", "lessons."))
            data.completed.insert(toText(v, "lessons.completed"));

        const QJsonObject cards = root.contains("cards") ? toObject(root.value("cards"), "cards") : QJsonObject();
        for (auto it = cards.begin(); it != cards.end(); ++it) {
            const QString where = "cards." + it.key();
            checkItemId(it.key(), where);
            data.cards.insert(it.key(), parseCard(toObject(it.value(), where), where));
        }

        const QJsonArray history = optionalArray(root, "history", {});
        for (qsizetype i = 0; i < history.size(); ++i) {
            const QString where = QStringLiteral("history[%1]").arg(i);
            data.history << parseRecord(toObject(history[i], where), where);
        }

        for (const auto& v : optionalArray(root, "practice_days", {})) {
            const QDate day = QDate::fromString(toText(v, "practice_days"), Qt::ISODate);
            if (!day.isValid())
                damaged("practice_days", QStringLiteral("'%1' is not a date").arg(v.toString()));
            data.days.insert(day);
        }
        *out = std::move(data);
        return ParseResult::Ok;
    } catch (const Damage& d) {
        *why = d.why;
        return ParseResult::Damaged;
    }
}

QByteArray ProgressStore::serialize() const
{
    QJsonObject cards;
    for (auto it = m_data.cards.begin(); it != m_data.cards.end(); ++it) {
        const Card& c = it.value();
        QJsonObject o{{"state", QString::fromStdString(Sm2Scheduler::toString(c.state))},
                      {"interval_days", c.intervalDays},
                      {"ease_permille", c.easePermille},
                      {"step", c.step},
                      {"reps", c.reps},
                      {"lapses", c.lapses}};
        if (c.state != CardState::New)
            o.insert("due", timeText(toDateTime(c.due)));
        cards.insert(it.key(), o);
    }
    QJsonArray history;
    for (const auto& r : m_data.history) {
        QJsonObject o{{"item", r.itemId},
                      {"at", timeText(r.at)},
                      {"rating", QString::fromStdString(Sm2Scheduler::toString(r.rating))}};
        if (r.kind == PracticeItem::Kind::Choice) {
            o.insert("kind", "choice");
            o.insert("correct", r.correct);
        } else {
            o.insert("kind", "recall");
            o.insert("key_points_covered", r.keyPointsCovered);
            o.insert("key_points_total", r.keyPointsTotal);
        }
        history.append(o);
    }
    QList<QDate> days(m_data.days.begin(), m_data.days.end());
    std::sort(days.begin(), days.end());
    QJsonArray dayList;
    for (const QDate& d : days)
        dayList.append(d.toString(Qt::ISODate));

    const QJsonObject root{{"format", kFormatName},
                           {"format_version", kFormatVersion},
                           {"saved", timeText(QDateTime::currentDateTimeUtc())},
                           {"lessons", QJsonObject{{"visited", sortedArray(m_data.visited)},
                                                   {"completed", sortedArray(m_data.completed)}}},
                           {"cards", cards},
                           {"history", history},
                           {"practice_days", dayList}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString ProgressStore::setAside(const QString& kind)
{
    // The timestamp makes the name say when it happened; a counter keeps a
    // second failure in the same second from colliding with the first.
    const QString base = m_path + '.' + kind + '-' + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
    QString target = base;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = base + '-' + QString::number(n);
    return QFile::rename(m_path, target) ? target : QString();
}

bool ProgressStore::load()
{
    m_loadAttempted = true;
    m_fileProtected = false;
    m_problem.clear();
    m_data = Data{};
    QFile file(m_path);
    if (!file.exists())
        return true;
    const QString name = QFileInfo(m_path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        // Unreadable is not the same as damaged: leave it where it is, untouched.
        m_fileProtected = true;
        m_problem = QObject::tr("Your progress file %1 could not be opened (%2). Progress from this session will not be saved.")
                        .arg(m_path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    Data data;
    QString why;
    int version = 0;
    const ParseResult result = parse(bytes, &data, &why, &version);
    if (result == ParseResult::Ok) {
        m_data = std::move(data);
        return true;
    }
    const QString aside = setAside(result == ParseResult::Newer ? "newer" : "damaged");
    if (aside.isEmpty()) {
        m_fileProtected = true;
        m_problem = QObject::tr("Your progress file %1 could not be read and could not be moved aside; it is left as it "
                                "is and progress from this session will not be saved.")
                        .arg(m_path);
        return false;
    }
    const QString asideName = QFileInfo(aside).fileName();
    if (result == ParseResult::Newer)
        m_problem = QObject::tr("Your progress file %1 was written by a newer version of DS Interview Lab (format "
                                "version %2; this version reads %3). It was kept as %4; update the app to continue "
                                "with that progress. Progress starts afresh for now.")
                        .arg(name)
                        .arg(version)
                        .arg(kFormatVersion)
                        .arg(asideName);
    else
        m_problem = QObject::tr("Your progress file %1 is damaged (%2). It was kept as %3 and progress starts afresh.")
                        .arg(name, why, asideName);
    return false;
}

bool ProgressStore::writeAtomically(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_problem = QObject::tr("Progress could not be written to %1 (%2).").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ProgressStore::save()
{
    if (m_fileProtected) {
        m_problem = QObject::tr("Progress is not saved: %1 could not be read or moved aside, and it is not overwritten.")
                        .arg(m_path);
        return false;
    }
    if (!m_loadAttempted && QFileInfo::exists(m_path)) {
        // Saving before loading would replace the learner's progress with an
        // empty record.
        m_problem = QObject::tr("Progress is not saved: %1 exists and was never loaded.").arg(m_path);
        return false;
    }
    m_problem.clear();
    return writeAtomically(m_path, serialize());
}

bool ProgressStore::exportTo(const QString& path)
{
    m_problem.clear();
    return writeAtomically(path, serialize());
}

bool ProgressStore::importFrom(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = QObject::tr("%1 could not be opened (%2); your progress is unchanged.").arg(path, file.errorString());
        return false;
    }
    Data data;
    QString why;
    int version = 0;
    switch (parse(file.readAll(), &data, &why, &version)) {
    case ParseResult::Damaged:
        m_problem = QObject::tr("%1 cannot be imported: %2. Your progress is unchanged.").arg(QFileInfo(path).fileName(), why);
        return false;
    case ParseResult::Newer:
        m_problem = QObject::tr("%1 was exported by a newer version of DS Interview Lab (format version %2; this "
                                "version reads %3). Your progress is unchanged.")
                        .arg(QFileInfo(path).fileName())
                        .arg(version)
                        .arg(kFormatVersion);
        return false;
    case ParseResult::Ok:
        break;
    }
    m_data = std::move(data);
    // Importing is the learner's explicit choice to replace their progress,
    // so the file on disk may now be written over (unless it is protected).
    m_loadAttempted = true;
    return save();
}

Card ProgressStore::recordAnswer(const PracticeRecord& record)
{
    const Card next = m_scheduler.answer(card(record.itemId), record.rating, toTimePoint(record.at));
    m_data.cards.insert(record.itemId, next);
    PracticeRecord stored = record;
    stored.at = record.at.toUTC();
    m_data.history << stored;
    m_data.days.insert(record.at.toLocalTime().date());
    return next;
}

ChapterProgress ProgressStore::chapterProgress(const LessonLibrary& library, int chapter, const QDateTime& now) const
{
    ChapterProgress p;
    const auto nowPoint = toTimePoint(now);
    for (const Lesson& lesson : library.lessons()) {
        if (chapter != 0 && lesson.chapter != chapter)
            continue;
        for (int i = 0; i < lesson.practice.size(); ++i) {
            ++p.items;
            const Card c = card(itemId(lesson.id, i));
            if (c.state == CardState::New) {
                ++p.newItems;
                continue;
            }
            if (m_scheduler.isDue(c, nowPoint))
                ++p.due;
            if (c.state == CardState::Review) {
                ++p.learned;
                if (c.intervalDays >= Sm2Scheduler::kMatureIntervalDays)
                    ++p.mature;
            }
        }
    }
    return p;
}

int ProgressStore::currentStreak(const QDate& today) const
{
    QDate day = today;
    if (!m_data.days.contains(day))
        day = day.addDays(-1);
    int streak = 0;
    while (m_data.days.contains(day)) {
        ++streak;
        day = day.addDays(-1);
    }
    return streak;
}

}  // namespace dslab
