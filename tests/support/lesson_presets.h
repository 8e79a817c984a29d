// The preset a lesson gives its lab, as the app applies it: the lesson's own
// (step < 0) or merged with "try this" step `step` (0-based). UI tests only
// (it reads the lessons with the UI's LessonLibrary); fails the test run
// loudly when the lesson or step is missing, so a renamed lesson is noticed.
#pragma once

#include "tests/support/test_support.h"
#include "ui/labs/lab.h"
#include "ui/lessons/lesson_library.h"

#include <QJsonObject>
#include <QString>

namespace dslab::test {

inline QJsonObject lessonPreset(const QString& lessonId, int step = -1)
{
    LessonLibrary library;
    library.load(QString::fromStdString(lessonsDir()));
    const Lesson* lesson = library.find(lessonId);
    if (!lesson)
        qFatal("lesson %s is missing", qPrintable(lessonId));
    if (step < 0)
        return lesson->labPreset;
    if (step >= lesson->tryThis.size())
        qFatal("lesson %s has no try-this step %d", qPrintable(lessonId), step + 1);
    return mergePreset(lesson->labPreset, lesson->tryThis.at(step).preset);
}

}  // namespace dslab::test
