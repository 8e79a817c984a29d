// Runs engine training on a worker thread and brings its progress to the GUI
// thread. Observer callbacks become queued deliveries, coalesced so the GUI
// redraws at most once per frame however fast the model steps. Snapshots
// (for example a decision-boundary grid) are computed on the training thread
// from a const view of the model, so the GUI never touches a model in flight.
// Start, pause, step and cancel; destroying the session cancels and joins.
#pragma once

#include "engine/core/train_context.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QVariant>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace dslab {

class Predictor;

class TrainingSession : public QObject {
    Q_OBJECT
public:
    // Trains and returns the model to show at the end (kept alive by the job), or null.
    using Job = std::function<const Predictor*(TrainContext&)>;
    using SnapshotFunction = std::function<QVariant(const Predictor&)>;

    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;

    // Computed on the training thread at most once per frame interval, and
    // always for the last step before a pause or the end.
    void setSnapshotFunction(SnapshotFunction fn) { m_snapshot = std::move(fn); }
    void setFrameInterval(int ms) { m_frameIntervalMs = ms; }

    // Runs job on a worker thread. With startPaused, it waits for step()/resume().
    void start(Job job, std::uint64_t seed, bool startPaused = false);
    void pause();
    void resume();
    void step(int count = 1);
    void cancel();
    // Cancels and waits for the worker (never leaves a thread behind).
    void stopAndJoin();

    bool isRunning() const { return m_running.load(); }
    bool isPaused() const;
    int stepsDone() const { return m_stepsDone.load(); }
    // Longest gap between two GUI-thread deliveries while training (ms), for benchmarks.
    qint64 deliveriesCount() const { return m_deliveries; }

signals:
    // New steps since the last delivery, in order.
    void stepsArrived(const QList<dslab::TrainStep>& steps);
    void snapshotArrived(const QVariant& snapshot, int step);
    // The job ended: completed normally, cancelled, or failed with a message.
    void finished(bool cancelled);
    void failed(const QString& message);

private:
    class Observer;
    void onWorkerStep(const TrainStep& step, const Predictor& model);
    void scheduleDelivery();
    void deliver();
    void onWorkerDone(bool cancelled, const QString& error);

    SnapshotFunction m_snapshot;
    std::shared_ptr<StopToken> m_stop;
    std::thread m_worker;
    std::atomic<bool> m_running{false};
    std::atomic<int> m_stepsDone{0};
    std::atomic<bool> m_deliveryPending{false};
    int m_frameIntervalMs = 16;
    qint64 m_deliveries = 0;
    QElapsedTimer m_sinceSnapshot;  // training thread only
    QElapsedTimer m_sinceDelivery;  // GUI thread only
    std::uint64_t m_generation = 0; // GUI thread: ignores deliveries of a previous run

    std::mutex m_mutex;  // guards the pending data below
    QList<TrainStep> m_pendingSteps;
    QVariant m_pendingSnapshot;
    int m_pendingSnapshotStep = 0;
    bool m_hasPendingSnapshot = false;
};

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::TrainStep)
