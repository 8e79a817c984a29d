// A lab: the live, interactive half of a lesson. A lab type is generic (it
// holds no lesson text); the lesson's manifest configures it with a preset.
#pragma once

#include "engine/core/param.h"

#include <QJsonObject>
#include <QMap>
#include <QWidget>

namespace dslab {

class Pipeline;
class TrainingSession;

class Lab : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Resets the lab to this preset (the lesson's, merged with a "try this" step's overrides).
    virtual void applyPreset(const QJsonObject& preset) = 0;
    // Trains for n steps and waits (with an event loop) until they are shown;
    // used by screenshot mode and tests. Returns false on timeout or failure.
    virtual bool runStepsBlocking(int steps, int timeoutMs) = 0;
    virtual TrainingSession* session() = 0;
    // Trains to the end without blocking; session()->finished() tells when.
    virtual void trainToEnd() = 0;
    // Named numbers of the last finished run, which predict-then-run cards
    // check (e.g. "validation_accuracy", "best_k_silhouette"). NaN-free:
    // a number that was not measured is absent.
    virtual QMap<QString, double> measurements() const = 0;
    // The message the lab shows for a preset, data or training problem; empty if none.
    virtual QString errorText() const = 0;
    // Stops training and joins the worker (closing the lab or the app).
    virtual void shutdown() = 0;
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
