// A lesson on screen: the text (with "try this" steps and practice questions)
// on one side and its live lab on the other, in a resizable splitter.
#pragma once

#include "ui/labs/lab_registry.h"
#include "ui/lessons/lesson.h"

#include <QMap>
#include <QSet>
#include <QWidget>

class QLabel;
class QSplitter;
class QTextBrowser;
class QUrl;

namespace dslab {

class Lab;

class LessonView : public QWidget {
    Q_OBJECT
public:
    explicit LessonView(const LabEnvironment& env, QWidget* parent = nullptr);
    ~LessonView() override;

    void showLesson(const Lesson& lesson);
    const Lesson& lesson() const { return m_lesson; }
    Lab* lab() const { return m_lab; }
    QSplitter* splitter() const { return m_splitter; }
    QTextBrowser* textView() const { return m_text; }
    // Applies "try this" step i (0-based) to the lab.
    void applyTryThis(int index);
    // Stops the lab's training and joins its worker.
    void shutdownLab();

    // Presenter mode: the current "try this" step is shown in a banner above
    // the lab, and next/previous steps reset the lab to that step's preset.
    void setPresenting(bool on);
    bool isPresenting() const { return m_presenting; }
    int currentStep() const { return m_step; }
    void nextStep();
    void previousStep();
    QString bannerText() const;

    // Predict-then-run: records the learner's prediction (option of card),
    // sets the lab up with the card's preset and trains it to the end; the
    // text then shows what the lab measured and whether the prediction held.
    void predict(int card, int option);
    struct PredictOutcome {
        int predicted = -1;
        bool running = false;
        bool measured = false;
        double value = 0;
        int actual = -1;  // the option the measurement falls in (-1: none)
    };
    PredictOutcome predictOutcome(int card) const { return m_outcomes.value(card); }

signals:
    void lessonRequested(const QString& id);
    // A predict card's run ended (the outcome is in predictOutcome(card)).
    void predictionChecked(int card);

private:
    void renderText();
    void onLink(const QUrl& url);

    LabEnvironment m_env;
    Lesson m_lesson;
    QSplitter* m_splitter = nullptr;
    QTextBrowser* m_text = nullptr;
    QWidget* m_labHolder = nullptr;
    Lab* m_lab = nullptr;
    QSet<int> m_revealed;  // practice items whose answers are shown
    QLabel* m_banner = nullptr;
    bool m_presenting = false;
    int m_step = -1;       // -1: the lesson's own preset, before the first step
    void showStep(int index);
    void finishPrediction(int card);
    QString predictMarkdown() const;
    QMap<int, PredictOutcome> m_outcomes;
    QMetaObject::Connection m_predictConnection;
};

}  // namespace dslab
