#include "ui/session/training_session.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"

#include <QMetaObject>
#include <QPointer>
#include <QTimer>

namespace dslab {

class TrainingSession::Observer : public TrainObserver {
public:
    explicit Observer(TrainingSession& session) : m_session(session) {}
    void onStep(const TrainStep& step, const Predictor& model) override { m_session.onWorkerStep(step, model); }

private:
    TrainingSession& m_session;
};

TrainingSession::TrainingSession(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<dslab::TrainStep>();
    qRegisterMetaType<QList<dslab::TrainStep>>();
}

TrainingSession::~TrainingSession()
{
    stopAndJoin();
}

void TrainingSession::start(Job job, std::uint64_t seed, bool startPaused)
{
    stopAndJoin();
    ++m_generation;
    {
        std::lock_guard lock(m_mutex);
        m_pendingSteps.clear();
        m_hasPendingSnapshot = false;
        m_pendingSnapshot = QVariant();
    }
    m_stop = std::make_shared<StopToken>();
    if (startPaused)
        m_stop->pause();
    m_stepsDone = 0;
    m_running = true;
    m_sinceSnapshot.invalidate();
    m_sinceDelivery.start();
    const std::uint64_t generation = m_generation;
    auto stop = m_stop;
    m_worker = std::thread([this, job = std::move(job), seed, stop, generation] {
        TrainContext ctx;
        ctx.seed = seed;
        ctx.threads = 1;
        ctx.stop = stop;
        Observer observer(*this);
        ctx.observer = &observer;
        QString error;
        try {
            // The final snapshot is taken here, on the worker, like all others.
            if (const Predictor* model = job(ctx); model && m_snapshot) {
                QVariant snapshot = m_snapshot(*model);
                std::lock_guard lock(m_mutex);
                m_pendingSnapshot = std::move(snapshot);
                m_pendingSnapshotStep = m_stepsDone.load();
                m_hasPendingSnapshot = true;
            }
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        const bool cancelled = stop->isCancelled();
        QMetaObject::invokeMethod(
            this,
            [this, cancelled, error, generation] {
                if (generation == m_generation)
                    onWorkerDone(cancelled, error);
            },
            Qt::QueuedConnection);
    });
}

bool TrainingSession::isPaused() const
{
    return m_stop && m_stop->isPaused();
}

void TrainingSession::pause()
{
    if (m_stop)
        m_stop->pause();
}

void TrainingSession::resume()
{
    if (m_stop)
        m_stop->resume();
}

void TrainingSession::step(int count)
{
    if (m_stop)
        m_stop->allowSteps(count);
}

void TrainingSession::cancel()
{
    if (m_stop)
        m_stop->requestCancel();
}

void TrainingSession::stopAndJoin()
{
    if (m_stop)
        m_stop->requestCancel();
    if (m_worker.joinable())
        m_worker.join();
    m_running = false;
}

void TrainingSession::onWorkerStep(const TrainStep& step, const Predictor& model)
{
    m_stepsDone = step.step;
    // A snapshot is due once per frame, at the last step, and whenever the
    // worker is about to block on a pause, so a paused view is never stale.
    const bool last = step.totalSteps > 0 && step.step >= step.totalSteps;
    const bool due = !m_sinceSnapshot.isValid() || m_sinceSnapshot.elapsed() >= m_frameIntervalMs;
    const bool pausing = m_stop && m_stop->isPaused();
    QVariant snapshot;
    bool haveSnapshot = false;
    if (m_snapshot && (due || last || pausing)) {
        snapshot = m_snapshot(model);
        haveSnapshot = true;
        m_sinceSnapshot.start();
    }
    {
        std::lock_guard lock(m_mutex);
        m_pendingSteps.append(step);
        if (haveSnapshot) {
            m_pendingSnapshot = std::move(snapshot);
            m_pendingSnapshotStep = step.step;
            m_hasPendingSnapshot = true;
        }
    }
    scheduleDelivery();
}

void TrainingSession::scheduleDelivery()
{
    if (m_deliveryPending.exchange(true))
        return;  // one delivery already queued: it will take these steps too
    const std::uint64_t generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation) {
                m_deliveryPending = false;
                return;
            }
            // Coalesce redraws to the frame rate (PlotJuggler's single-shot idea).
            const qint64 wait = m_frameIntervalMs - m_sinceDelivery.elapsed();
            if (wait > 0)
                QTimer::singleShot(static_cast<int>(wait), this, [this, generation] {
                    if (generation == m_generation)
                        deliver();
                    else
                        m_deliveryPending = false;
                });
            else
                deliver();
        },
        Qt::QueuedConnection);
}

void TrainingSession::deliver()
{
    QList<TrainStep> steps;
    QVariant snapshot;
    int snapshotStep = 0;
    bool haveSnapshot = false;
    {
        std::lock_guard lock(m_mutex);
        steps.swap(m_pendingSteps);
        if (m_hasPendingSnapshot) {
            snapshot = std::move(m_pendingSnapshot);
            snapshotStep = m_pendingSnapshotStep;
            haveSnapshot = true;
            m_hasPendingSnapshot = false;
        }
        m_deliveryPending = false;
    }
    m_sinceDelivery.start();
    ++m_deliveries;
    if (!steps.isEmpty())
        emit stepsArrived(steps);
    if (haveSnapshot)
        emit snapshotArrived(snapshot, snapshotStep);
}

void TrainingSession::onWorkerDone(bool cancelled, const QString& error)
{
    if (m_worker.joinable())
        m_worker.join();
    m_running = false;
    deliver();  // whatever arrived after the last delivery
    if (!error.isEmpty())
        emit failed(error);
    emit finished(cancelled);
}

}  // namespace dslab
