// Progress survives a restart, a damaged or newer file is set aside with a
// message and never overwritten, export/import moves progress between
// machines, writes are atomic, and chapter statistics and the streak add up.
#include "tests/support/test_support.h"
#include "ui/lessons/lesson_library.h"
#include "ui/practice/progress_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace dslab;

namespace {

QDateTime localNoon(int dayOffset)
{
    return QDateTime(QDate(2024, 3, 4).addDays(dayOffset), QTime(12, 0));
}

PracticeRecord choiceRecord(const QString& item, Rating rating, const QDateTime& at, bool correct)
{
    PracticeRecord r;
    r.itemId = item;
    r.at = at;
    r.rating = rating;
    r.kind = PracticeItem::Kind::Choice;
    r.correct = correct;
    return r;
}

PracticeRecord recallRecord(const QString& item, Rating rating, const QDateTime& at, int covered, int total)
{
    PracticeRecord r;
    r.itemId = item;
    r.at = at;
    r.rating = rating;
    r.kind = PracticeItem::Kind::Recall;
    r.keyPointsCovered = covered;
    r.keyPointsTotal = total;
    return r;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Files in `dir` other than `except`, to find what was set aside.
QStringList otherFiles(const QString& dir, const QString& except = "progress.json")
{
    QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    names.removeAll(except);
    return names;
}

void fillSample(ProgressStore& store)
{
    store.markVisited("logistic-regression");
    store.markVisited("random-forest");
    store.markCompleted("logistic-regression");
    store.recordAnswer(choiceRecord("logistic-regression#0", Rating::Good, localNoon(0), true));
    store.recordAnswer(choiceRecord("logistic-regression#0", Rating::Good, localNoon(0).addSecs(600), true));
    store.recordAnswer(recallRecord("random-forest#2", Rating::Hard, localNoon(1), 2, 4));
    store.recordAnswer(choiceRecord("logistic-regression#1", Rating::Again, localNoon(1), false));
}

void compareStores(const ProgressStore& a, const ProgressStore& b)
{
    QCOMPARE(b.visitedLessons(), a.visitedLessons());
    QCOMPARE(b.completedLessons(), a.completedLessons());
    QCOMPARE(b.practiceDays(), a.practiceDays());
    QCOMPARE(b.history().size(), a.history().size());
    for (qsizetype i = 0; i < a.history().size(); ++i) {
        const PracticeRecord& x = a.history()[i];
        const PracticeRecord& y = b.history()[i];
        QCOMPARE(y.itemId, x.itemId);
        QCOMPARE(y.at, x.at);
        QCOMPARE(y.rating, x.rating);
        QCOMPARE(y.kind, x.kind);
        QCOMPARE(y.correct, x.correct);
        QCOMPARE(y.keyPointsCovered, x.keyPointsCovered);
        QCOMPARE(y.keyPointsTotal, x.keyPointsTotal);
    }
    for (const char* id : {"logistic-regression#0", "logistic-regression#1", "random-forest#2"}) {
        QVERIFY(b.hasCard(id));
        QVERIFY2(b.card(id) == a.card(id), id);
    }
}

}  // namespace

class TestProgressStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("DSInterviewLab");
        QCoreApplication::setApplicationName("dslab-test-progress");
    }

    void defaultPathIsTheAppDataFolder()
    {
        const QString path = ProgressStore::defaultPath();
        QVERIFY(path.endsWith("/progress.json"));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY2(path.contains("qttest"), qPrintable(path));  // test mode: never the real user folder
    }

    void missingFileIsAFreshStart()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        QVERIFY(store.lastProblem().isEmpty());
        QVERIFY(store.history().isEmpty());
        QCOMPARE(store.card("logistic-regression#0").state, CardState::New);
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("sub/folder/progress.json");  // folders are created
        ProgressStore store(path);
        QVERIFY(store.load());
        fillSample(store);
        QCOMPARE(store.card("logistic-regression#0").state, CardState::Review);
        QCOMPARE(store.card("logistic-regression#0").intervalDays, 1);
        QVERIFY(store.save());
        QVERIFY(store.lastProblem().isEmpty());

        const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(root.value("format").toString(), QString("dslab-progress"));
        QCOMPARE(root.value("format_version").toInt(), 1);

        ProgressStore reloaded(path);
        QVERIFY(reloaded.load());
        compareStores(store, reloaded);
        QVERIFY(reloaded.isCompleted("logistic-regression"));
        QVERIFY(!reloaded.isCompleted("random-forest"));
    }

    void damagedFileIsKeptAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        const QByteArray damaged = "{\"format\": \"dslab-progress\", \"format_version\": 1, \"cards\": {";
        writeAll(path, damaged);

        ProgressStore store(path);
        QVERIFY(!store.load());
        QVERIFY(!QFile::exists(path));
        const QStringList aside = otherFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QVERIFY2(aside.first().startsWith("progress.json.damaged-"), qPrintable(aside.first()));
        QCOMPARE(readAll(dir.filePath(aside.first())), damaged);
        QVERIFY2(store.lastProblem().contains("damaged"), qPrintable(store.lastProblem()));
        QVERIFY2(store.lastProblem().contains(aside.first()), qPrintable(store.lastProblem()));

        // Progress goes on in a fresh file; the damaged one is never touched.
        fillSample(store);
        QVERIFY(store.save());
        QCOMPARE(readAll(dir.filePath(aside.first())), damaged);
        QCOMPARE(otherFiles(dir.path()), aside);
    }

    void damagedContentIsKeptAside_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not progress") << QByteArray(R"({"format": "dslab-pipeline", "format_version": 1})")
                                      << QString("not a DS Interview Lab progress file");
        QTest::newRow("unknown state")
            << QByteArray(R"({"format": "dslab-progress", "format_version": 1, "cards": {"a#0": {"state": "flying",)"
                 R"("due": "2024-03-04T12:00:00.000Z", "interval_days": 1, "ease_permille": 2500, "step": 0, "reps": 1, "lapses": 0}}})")
            << QString("cards.a#0.state");
        QTest::newRow("bad rating")
            << QByteArray(R"({"format": "dslab-progress", "format_version": 1, "history": [{"item": "a#0",)"
                 R"("at": "2024-03-04T12:00:00.000Z", "rating": "superb", "kind": "choice", "correct": true}]})")
            << QString("history[0].rating");
        QTest::newRow("bad item id")
            << QByteArray(R"({"format": "dslab-progress", "format_version": 1, "history": [{"item": "lesson-without-index",)"
                 R"("at": "2024-03-04T12:00:00.000Z", "rating": "good", "kind": "choice", "correct": true}]})")
            << QString("history[0].item");
        QTest::newRow("version text") << QByteArray(R"({"format": "dslab-progress", "format_version": "one"})")
                                      << QString("format_version");
    }

    void damagedContentIsKeptAside()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        writeAll(path, bytes);
        ProgressStore store(path);
        QVERIFY(!store.load());
        QVERIFY2(store.lastProblem().contains(mentions), qPrintable(store.lastProblem()));
        QVERIFY(!QFile::exists(path));
        const QStringList aside = otherFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QVERIFY(aside.first().startsWith("progress.json.damaged-"));
        QCOMPARE(readAll(dir.filePath(aside.first())), bytes);
    }

    void newerVersionIsKeptAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        const QByteArray newer = R"({"format": "dslab-progress", "format_version": 2, "cards": "a new layout"})";
        writeAll(path, newer);

        ProgressStore store(path);
        QVERIFY(!store.load());
        QVERIFY(!QFile::exists(path));
        const QStringList aside = otherFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QVERIFY2(aside.first().startsWith("progress.json.newer-"), qPrintable(aside.first()));
        QCOMPARE(readAll(dir.filePath(aside.first())), newer);
        QVERIFY2(store.lastProblem().contains("newer version"), qPrintable(store.lastProblem()));
        QVERIFY2(store.lastProblem().contains("format version 2"), qPrintable(store.lastProblem()));
        QVERIFY(store.history().isEmpty());

        QVERIFY(store.save());
        QCOMPARE(readAll(dir.filePath(aside.first())), newer);
    }

    void neverSavesOverAnUnloadedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        ProgressStore first(path);
        QVERIFY(first.load());
        fillSample(first);
        QVERIFY(first.save());
        const QByteArray saved = readAll(path);

        ProgressStore careless(path);  // never loaded
        QVERIFY(!careless.save());
        QVERIFY(!careless.lastProblem().isEmpty());
        QCOMPARE(readAll(path), saved);
    }

    void exportAndImport()
    {
        QTemporaryDir dir;
        ProgressStore home(dir.filePath("home/progress.json"));
        QVERIFY(home.load());
        fillSample(home);
        const QString exported = dir.filePath("moving/dslab-progress-export.json");
        QVERIFY(home.exportTo(exported));

        ProgressStore laptop(dir.filePath("laptop/progress.json"));
        QVERIFY(laptop.load());
        QVERIFY(laptop.importFrom(exported));
        QVERIFY(laptop.lastProblem().isEmpty());
        compareStores(home, laptop);
        // The import was saved: it is there after a restart.
        ProgressStore restarted(dir.filePath("laptop/progress.json"));
        QVERIFY(restarted.load());
        compareStores(home, restarted);
    }

    void importValidatesFirst()
    {
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());
        fillSample(store);
        QVERIFY(store.save());
        const QByteArray before = readAll(store.path());
        const int records = static_cast<int>(store.history().size());

        const QString broken = dir.filePath("broken.json");
        writeAll(broken, R"({"format": "dslab-progress", "format_version": 1, "practice_days": ["yesterday"]})");
        QVERIFY(!store.importFrom(broken));
        QVERIFY2(store.lastProblem().contains("broken.json"), qPrintable(store.lastProblem()));
        QVERIFY2(store.lastProblem().contains("practice_days"), qPrintable(store.lastProblem()));
        QCOMPARE(store.history().size(), records);
        QCOMPARE(readAll(store.path()), before);
        QVERIFY(QFile::exists(broken));  // an import source is never moved

        const QString newer = dir.filePath("newer.json");
        writeAll(newer, R"({"format": "dslab-progress", "format_version": 7})");
        QVERIFY(!store.importFrom(newer));
        QVERIFY2(store.lastProblem().contains("newer version"), qPrintable(store.lastProblem()));
        QCOMPARE(store.history().size(), records);

        QVERIFY(!store.importFrom(dir.filePath("missing.json")));
        QVERIFY(!store.lastProblem().isEmpty());
        QCOMPARE(readAll(store.path()), before);
    }

    void writesAreAtomic()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.json");
        ProgressStore store(path);
        QVERIFY(store.load());
        fillSample(store);
        QVERIFY(store.save());
        const QByteArray first = readAll(path);

#ifdef Q_OS_UNIX
        // A reader that opened the old file keeps seeing all of it: the new
        // file replaces it by a rename, it is not rewritten in place.
        QFile reader(path);
        QVERIFY(reader.open(QIODevice::ReadOnly));
#endif
        store.markVisited("xgboost");
        QVERIFY(store.save());
#ifdef Q_OS_UNIX
        QCOMPARE(reader.readAll(), first);
#endif
        const QByteArray second = readAll(path);
        QVERIFY(second != first);
        QVERIFY(!QJsonDocument::fromJson(second).isNull());
        QCOMPARE(otherFiles(dir.path()), QStringList());  // no temporary files left behind

        // A write that cannot happen reports it and leaves the file as it was.
        const QString blocked = dir.filePath("blocked");
        writeAll(blocked, "a file where a folder should be");
        ProgressStore elsewhere(blocked + "/progress.json");
        QVERIFY(elsewhere.load());
        QVERIFY(!elsewhere.save());
        QVERIFY(!elsewhere.lastProblem().isEmpty());
        QCOMPARE(readAll(path), second);
    }

    void chapterStatisticsAndStreak()
    {
        LessonLibrary library;
        library.load(QString::fromStdString(test::lessonsDir()));
        QTemporaryDir dir;
        ProgressStore store(dir.filePath("progress.json"));
        QVERIFY(store.load());

        const ChapterProgress fresh = store.chapterProgress(library, 1, localNoon(0));
        QVERIFY(fresh.items >= 7 * 3);
        QCOMPARE(fresh.newItems, fresh.items);
        QCOMPARE(fresh.due, 0);
        QVERIFY(store.chapterProgress(library, 0, localNoon(0)).items > fresh.items);

        // Good on a new item: learning, due in 10 minutes, so due only then.
        store.recordAnswer(choiceRecord("logistic-regression#0", Rating::Good, localNoon(0), true));
        QCOMPARE(store.chapterProgress(library, 1, localNoon(0)).due, 0);
        QCOMPARE(store.chapterProgress(library, 1, localNoon(0)).newItems, fresh.items - 1);
        QCOMPARE(store.chapterProgress(library, 1, localNoon(0).addSecs(600)).due, 1);
        QCOMPARE(store.chapterProgress(library, 2, localNoon(0).addSecs(600)).due, 0);

        // Easy three times: 4 days; then round(4 × 2.5 × 1.3) = 13 days (ease
        // 2650); then round(13 × 2.65 × 1.3) = round(44.785) = 45 days: mature.
        const QString item = "random-forest#1";
        store.recordAnswer(choiceRecord(item, Rating::Easy, localNoon(1), true));
        QCOMPARE(store.card(item).intervalDays, 4);
        store.recordAnswer(choiceRecord(item, Rating::Easy, localNoon(5), true));
        QCOMPARE(store.card(item).intervalDays, 13);
        store.recordAnswer(choiceRecord(item, Rating::Easy, localNoon(18), true));
        QCOMPARE(store.card(item).intervalDays, 45);
        const ChapterProgress later = store.chapterProgress(library, 1, localNoon(18));
        QCOMPARE(later.mature, 1);
        QCOMPARE(later.learned, 1);  // logistic-regression#0 is still learning
        QCOMPARE(later.mastery(), 1.0 / later.items);
        QCOMPARE(store.chapterProgress(library, 2, localNoon(18)).mature, 0);

        // Practice on days 0, 1, 5 and 18: the streak ending on day 18 is 1.
        QCOMPARE(store.currentStreak(localNoon(18).date()), 1);
        store.recordAnswer(choiceRecord("xgboost#0", Rating::Good, localNoon(16), true));
        store.recordAnswer(choiceRecord("xgboost#0", Rating::Good, localNoon(17), true));
        QCOMPARE(store.currentStreak(localNoon(18).date()), 3);
        QCOMPARE(store.currentStreak(localNoon(19).date()), 3);  // not practised yet today: still alive
        QCOMPARE(store.currentStreak(localNoon(20).date()), 0);  // a whole day missed
        QCOMPARE(store.currentStreak(localNoon(1).date()), 2);
    }

    void itemIds()
    {
        QCOMPARE(ProgressStore::itemId("random-forest", 2), QString("random-forest#2"));
        QString lesson;
        int index = -1;
        QVERIFY(ProgressStore::splitItemId("random-forest#2", &lesson, &index));
        QCOMPARE(lesson, QString("random-forest"));
        QCOMPARE(index, 2);
        QVERIFY(!ProgressStore::splitItemId("random-forest", &lesson, &index));
        QVERIFY(!ProgressStore::splitItemId("#2", &lesson, &index));
        QVERIFY(!ProgressStore::splitItemId("random-forest#x", &lesson, &index));
    }
};

QTEST_GUILESS_MAIN(TestProgressStore)
#include "test_progress_store.moc"
