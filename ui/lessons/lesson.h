// One lesson as the app shows it: text (Markdown), the lab it uses with its
// preset, "try this" steps and practice items, all read from the lesson's
// Markdown file and JSON manifest (see docs/LESSON_FORMAT.md).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace dslab {

struct TryThisStep {
    QString text;
    QJsonObject preset;  // overrides applied to the lab's preset
};

struct PracticeOption {
    QString text;
    bool correct = false;
    QString why;
};

struct PracticeItem {
    enum class Kind { Choice, Recall };
    Kind kind = Kind::Choice;
    QString prompt;
    QList<PracticeOption> options;  // choice
    QString answer;                 // recall
    QStringList keyPoints;          // recall
};

// A predict-then-run card: the learner predicts what the lab will measure,
// then the lab runs the card's preset and the prediction is checked against
// the real number. Each option covers a range of the measurement.
struct PredictOption {
    QString text;
    double low = 0;   // inclusive
    double high = 0;  // inclusive
    bool contains(double value) const { return value >= low && value <= high; }
};

struct PredictCard {
    QString prompt;
    QJsonObject preset;  // overrides applied to the lab's preset
    QString measure;     // a key of Lab::measurements(), e.g. "validation_accuracy"
    QList<PredictOption> options;
    int expected = -1;   // the option the author says the lab will land in (checked by tests)
    QString why;         // shown after the run
};

struct Lesson {
    QString id;
    int number = 0;
    int chapter = 0;
    QString title;
    QString question;
    QString summary;
    QString markdown;
    QString labType;       // "" when the lesson has no lab
    QJsonObject labPreset;
    QList<TryThisStep> tryThis;
    QList<PracticeItem> practice;
    QList<PredictCard> predictions;
    QStringList related;
    QStringList datasets;
    QString sourcePath;    // the manifest file, for messages
};

}  // namespace dslab
