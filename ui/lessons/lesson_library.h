// All lessons found under a lessons folder, ordered by number. Adding a
// lesson is adding two files: no code change. Problems in a lesson's files are
// collected (and shown), not fatal for the others.
#pragma once

#include "ui/lessons/lesson.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace dslab {

class LessonLibrary {
public:
    // Reads every <chapter>/<NN>-<slug>.json with its .md beside it.
    void load(const QString& lessonsDir);

    const QList<Lesson>& lessons() const { return m_lessons; }
    const Lesson* find(const QString& idOrNumber) const;
    int indexOf(const QString& id) const;
    QStringList problems() const { return m_problems; }

    static QString chapterTitle(int chapter);
    static int chapterCount() { return 7; }

    // Parses one manifest (and its Markdown); throws std::runtime_error with
    // the file and the problem when it is invalid.
    static Lesson parseLesson(const QString& manifestPath);

private:
    QList<Lesson> m_lessons;
    QStringList m_problems;
};

}  // namespace dslab
