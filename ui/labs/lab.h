// A lab: the live, interactive half of a lesson. A lab type is generic (it
// holds no lesson text); the lesson's manifest configures it with a preset.
#pragma once

#include "engine/core/param.h"

#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace dslab {

class Pipeline;
class TrainingSession;

class Lab : public QWidget {
    Q_OBJECT
public:
    // Every lab trains on one TrainingSession (its worker thread), owned here.
    explicit Lab(QWidget* parent = nullptr);

    // Resets the lab to this preset (the lesson's, merged with a "try this" step's overrides).
    virtual void applyPreset(const QJsonObject& preset) = 0;
    // Trains for n steps and waits (with an event loop) until they are shown;
    // used by screenshot mode and tests. Returns false on timeout or failure.
    // By default any n > 0 is one whole run (trainToEnd), for labs whose
    // training is a single job rather than observable steps.
    virtual bool runStepsBlocking(int steps, int timeoutMs);
    TrainingSession* session() const { return m_session; }
    // Trains to the end without blocking; session()->finished() tells when.
    virtual void trainToEnd() = 0;
    // Named numbers of the last finished run, which predict-then-run cards
    // check (e.g. "validation_accuracy", "best_k_silhouette"). NaN-free:
    // a number that was not measured is absent.
    virtual QMap<QString, double> measurements() const = 0;
    // The message the lab shows for a preset, data or training problem; empty if none.
    QString errorText() const;
    // Stops training and joins the worker (closing the lab or the app).
    // Each lab's destructor calls it, while the lab's own state still exists.
    void shutdown();

protected:
    TrainingSession* const m_session;

    // The parts every lab shares. The red message line under the buttons:
    QLabel* createErrorLabel();
    // A status line that wraps instead of widening the lab (two lines high).
    QLabel* createStatusLabel();
    // The row under a lab's controls: its main button, a Cancel button that
    // cancels the session (disabled until a run starts) and the status line.
    // The base remembers the two buttons: by default errorShown() re-enables
    // the main button and disables Cancel once the session has stopped.
    struct RunRow {
        QHBoxLayout* layout = nullptr;
        QPushButton* run = nullptr;
        QPushButton* cancel = nullptr;
        QLabel* status = nullptr;
    };
    RunRow createRunRow(const QString& runText, const QString& runTip);
    // A wrapping rich-text line for a lab's result summary.
    QLabel* createSummaryLabel(const QString& accessibleName);
    void showError(const QString& message);
    // Hides the message, except a preset error, which stays until the next preset.
    void clearError();
    // Why the preset cannot be built (shown at once); empty clears it.
    void setPresetError(const QString& message);
    bool hasError() const;
    bool hasPresetError() const { return !m_presetError.isEmpty(); }
    // Called after a message is shown, e.g. to re-enable buttons.
    virtual void errorShown();
    // Runs an event loop until the session's job ends; false when it fails,
    // reports an error or times out.
    bool waitForSession(int timeoutMs);

private:
    QLabel* m_error = nullptr;
    QPushButton* m_runRowButton = nullptr;
    QPushButton* m_runRowCancel = nullptr;
    QString m_presetError;
};

// Merges overrides into a preset: top-level keys replace, "pipeline_params"
// entries accumulate.
QJsonObject mergePreset(const QJsonObject& base, const QJsonObject& overrides);

// A preset's JSON value (number, string, bool, null, list) as a parameter value.
ParamValue paramFromPreset(const QJsonValue& value);

// The pipeline a preset describes ({"steps": [...]}) with its "pipeline_params"
// overrides ("Step__param": value) applied; the overrides that name a step the
// pipeline does not have are skipped, so one preset can steer several
// pipelines. Throws dslab::Error with a message naming the bad step or value.
Pipeline pipelineFromPreset(const QJsonObject& spec, const QJsonObject& overrides);

}  // namespace dslab
