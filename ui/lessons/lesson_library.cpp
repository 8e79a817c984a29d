#include "ui/lessons/lesson_library.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <algorithm>
#include <stdexcept>

namespace dslab {

namespace {

[[noreturn]] void fail(const QString& path, const QString& what)
{
    throw std::runtime_error((QFileInfo(path).fileName() + ": " + what).toStdString());
}

QString readText(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fail(path, QStringLiteral("cannot be read"));
    return QString::fromUtf8(f.readAll());
}

QStringList stringList(const QJsonValue& v)
{
    QStringList out;
    for (const auto& item : v.toArray())
        out << item.toString();
    return out;
}

PracticeItem parsePractice(const QJsonObject& o, const QString& path, int index)
{
    PracticeItem item;
    const QString where = QStringLiteral("practice item %1").arg(index + 1);
    item.prompt = o.value("prompt").toString();
    if (item.prompt.isEmpty())
        fail(path, where + " has no prompt");
    const QString type = o.value("type").toString();
    if (type == "choice") {
        item.kind = PracticeItem::Kind::Choice;
        int correct = 0;
        for (const auto& v : o.value("options").toArray()) {
            const QJsonObject opt = v.toObject();
            PracticeOption option{opt.value("text").toString(), opt.value("correct").toBool(), opt.value("why").toString()};
            correct += option.correct ? 1 : 0;
            item.options << option;
        }
        if (item.options.size() < 2 || correct != 1)
            fail(path, where + " needs at least 2 options with exactly one correct");
    } else if (type == "recall") {
        item.kind = PracticeItem::Kind::Recall;
        item.answer = o.value("answer").toString();
        item.keyPoints = stringList(o.value("key_points"));
        if (item.answer.isEmpty() || item.keyPoints.isEmpty())
            fail(path, where + " needs an answer and key_points");
    } else {
        fail(path, where + " has unknown type '" + type + "' (use choice or recall)");
    }
    return item;
}

PredictCard parsePredict(const QJsonObject& o, const QString& path, int index)
{
    PredictCard card;
    const QString where = QStringLiteral("predict card %1").arg(index + 1);
    card.prompt = o.value("prompt").toString();
    card.preset = o.value("preset").toObject();
    card.measure = o.value("measure").toString();
    card.why = o.value("why").toString();
    card.expected = o.value("expected").toInt(-1);
    if (card.prompt.isEmpty() || card.measure.isEmpty() || card.why.isEmpty())
        fail(path, where + " needs a prompt, a measure and a why");
    for (const auto& v : o.value("options").toArray()) {
        const QJsonObject opt = v.toObject();
        const QJsonArray range = opt.value("range").toArray();
        if (range.size() != 2 || !range.at(0).isDouble() || !range.at(1).isDouble()
            || range.at(0).toDouble() > range.at(1).toDouble())
            fail(path, where + " option '" + opt.value("text").toString() + "' needs \"range\": [low, high] with low <= high");
        PredictOption option{opt.value("text").toString(), range.at(0).toDouble(), range.at(1).toDouble()};
        for (const auto& other : card.options)
            if (option.low <= other.high && other.low <= option.high)
                fail(path, where + " has overlapping option ranges ('" + other.text + "' and '" + option.text + "')");
        card.options << option;
    }
    if (card.options.size() < 2)
        fail(path, where + " needs at least 2 options");
    if (card.expected < 0 || card.expected >= card.options.size())
        fail(path, where + " needs \"expected\": the index of the option the lab will land in");
    return card;
}

}  // namespace

Lesson LessonLibrary::parseLesson(const QString& manifestPath)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(readText(manifestPath).toUtf8(), &error);
    if (doc.isNull())
        fail(manifestPath, QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    const QJsonObject o = doc.object();
    Lesson lesson;
    lesson.sourcePath = manifestPath;
    lesson.id = o.value("id").toString();
    lesson.number = o.value("number").toInt();
    lesson.chapter = o.value("chapter").toInt();
    lesson.title = o.value("title").toString();
    lesson.question = o.value("question").toString();
    lesson.summary = o.value("summary").toString();
    if (lesson.id.isEmpty() || lesson.title.isEmpty() || lesson.number <= 0)
        fail(manifestPath, QStringLiteral("needs an id, a number and a title"));
    if (lesson.chapter < 1 || lesson.chapter > chapterCount())
        fail(manifestPath, QStringLiteral("chapter must be 1-%1").arg(chapterCount()));
    const QJsonObject lab = o.value("lab").toObject();
    lesson.labType = lab.value("type").toString();
    lesson.labPreset = lab.value("preset").toObject();
    for (const auto& v : o.value("try_this").toArray()) {
        const QJsonObject step = v.toObject();
        lesson.tryThis << TryThisStep{step.value("text").toString(), step.value("preset").toObject()};
    }
    const QJsonArray practice = o.value("practice").toArray();
    for (int i = 0; i < practice.size(); ++i)
        lesson.practice << parsePractice(practice.at(i).toObject(), manifestPath, i);
    const QJsonArray predict = o.value("predict").toArray();
    for (int i = 0; i < predict.size(); ++i)
        lesson.predictions << parsePredict(predict.at(i).toObject(), manifestPath, i);
    if (!lesson.predictions.isEmpty() && lesson.labType.isEmpty())
        fail(manifestPath, QStringLiteral("has predict cards but no lab to run them"));
    lesson.related = stringList(o.value("related"));
    lesson.datasets = stringList(o.value("datasets"));

    QString mdPath = manifestPath;
    mdPath.replace(mdPath.size() - 5, 5, QStringLiteral(".md"));
    lesson.markdown = readText(mdPath);
    return lesson;
}

void LessonLibrary::load(const QString& lessonsDir)
{
    m_lessons.clear();
    m_problems.clear();
    QDirIterator it(lessonsDir, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        try {
            Lesson lesson = parseLesson(path);
            if (indexOf(lesson.id) >= 0)
                m_problems << QFileInfo(path).fileName() + ": duplicate lesson id '" + lesson.id + "'";
            else
                m_lessons << lesson;
        } catch (const std::exception& e) {
            m_problems << QString::fromUtf8(e.what());
        }
    }
    std::sort(m_lessons.begin(), m_lessons.end(), [](const Lesson& a, const Lesson& b) { return a.number < b.number; });
}

const Lesson* LessonLibrary::find(const QString& idOrNumber) const
{
    bool isNumber = false;
    const int number = idOrNumber.toInt(&isNumber);
    for (const auto& l : m_lessons)
        if (l.id == idOrNumber || (isNumber && l.number == number))
            return &l;
    return nullptr;
}

int LessonLibrary::indexOf(const QString& id) const
{
    for (int i = 0; i < m_lessons.size(); ++i)
        if (m_lessons[i].id == id)
            return i;
    return -1;
}

QString LessonLibrary::chapterTitle(int chapter)
{
    switch (chapter) {
    case 1: return QObject::tr("Classical models");
    case 2: return QObject::tr("Generalization and evaluation");
    case 3: return QObject::tr("Neural network fundamentals");
    case 4: return QObject::tr("Data preprocessing");
    case 5: return QObject::tr("Feature engineering");
    case 6: return QObject::tr("Neural network architectures");
    case 7: return QObject::tr("Transformers");
    default: return QObject::tr("Chapter %1").arg(chapter);
    }
}

}  // namespace dslab
