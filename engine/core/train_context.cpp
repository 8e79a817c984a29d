#include "engine/core/train_context.h"

namespace dslab {

void StopToken::requestCancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
    }
    m_changed.notify_all();
}

void StopToken::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
    m_allowedSteps = 0;
}

void StopToken::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
        m_allowedSteps = 0;
    }
    m_changed.notify_all();
}

void StopToken::allowSteps(int n)
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
        m_allowedSteps += n;
    }
    m_changed.notify_all();
}

bool StopToken::isCancelled() const
{
    std::lock_guard lock(m_mutex);
    return m_cancelled;
}

bool StopToken::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

bool StopToken::checkpoint()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_cancelled || !m_paused || m_allowedSteps > 0; });
    if (m_cancelled)
        return false;
    if (m_paused && m_allowedSteps > 0)
        --m_allowedSteps;
    return true;
}

void TrainContext::report(const TrainStep& step, const Predictor& model) const
{
    if (!observer)
        return;
    const bool last = step.totalSteps > 0 && step.step >= step.totalSteps;
    if (reportEvery <= 1 || step.step % reportEvery == 0 || last)
        observer->onStep(step, model);
}

}  // namespace dslab
