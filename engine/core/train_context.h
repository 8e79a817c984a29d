// What fit() receives besides the data: seed, threads, a stop token that the
// caller uses to pause, step and cancel, an optional validation set, and an
// observer told about each training step. Iterative learners call
// checkpoint() once per step and report() after it, so training is a loop of
// single steps that the caller can watch and steer (as in XGBoost's
// UpdateOneIter or LightGBM's TrainOneIter).
#pragma once

#include "engine/core/types.h"

#include <condition_variable>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace dslab {

class Predictor;

// Shared between the thread that trains and the thread that steers it.
class StopToken {
public:
    void requestCancel();
    void pause();
    void resume();
    // While paused, lets n more steps run, then pauses again.
    void allowSteps(int n);
    bool isCancelled() const;
    bool isPaused() const;

    // Called by the training thread before each step: blocks while paused
    // (unless a step was allowed) and returns false once cancelled.
    bool checkpoint();

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_cancelled = false;
    bool m_paused = false;
    int m_allowedSteps = 0;
};

struct TrainStep {
    int step = 0;           // 1-based index of the finished step
    int totalSteps = 0;     // planned number of steps (max_iter, n_estimators, ...)
    double trainLoss = std::numeric_limits<double>::quiet_NaN();
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
    std::map<std::string, double> metrics;  // e.g. "train_accuracy", "oob_error"
};

// Receives each step on the training thread. `model` is a const view of the
// model as it is after the step: the observer may call its predict methods
// (for example on a decision-boundary grid) but must not keep it.
class TrainObserver {
public:
    virtual ~TrainObserver() = default;
    virtual void onStep(const TrainStep& step, const Predictor& model) = 0;
};

struct TrainContext {
    std::uint64_t seed = 0;
    int threads = 1;
    std::shared_ptr<StopToken> stop;
    const Matrix* validationX = nullptr;
    const Vector* validationY = nullptr;
    TrainObserver* observer = nullptr;
    // How many steps between reports (1 = every step).
    int reportEvery = 1;

    bool hasValidation() const { return validationX != nullptr && validationY != nullptr; }
    // True while training may go on; blocks while paused.
    bool checkpoint() const { return !stop || stop->checkpoint(); }
    bool cancelled() const { return stop && stop->isCancelled(); }
    void report(const TrainStep& step, const Predictor& model) const;
};

}  // namespace dslab
