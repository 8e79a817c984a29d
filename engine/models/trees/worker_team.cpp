#include "engine/models/trees/worker_team.h"

namespace dslab {

WorkerTeam::WorkerTeam(int threads)
{
    for (int t = 1; t < threads; ++t)
        m_workers.emplace_back([this] { workerLoop(); });
}

WorkerTeam::~WorkerTeam()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_start.notify_all();
    for (auto& w : m_workers)
        w.join();
}

void WorkerTeam::drain()
{
    for (;;) {
        std::size_t i;
        {
            std::lock_guard lock(m_mutex);
            if (m_next >= m_count)
                return;
            i = m_next++;
        }
        try {
            (*m_body)(i);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_failure)
                m_failure = std::current_exception();
            m_next = m_count;
        }
    }
}

void WorkerTeam::workerLoop()
{
    std::size_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_quit || m_generation != seen; });
            if (m_quit)
                return;
            seen = m_generation;
            ++m_busy;
        }
        drain();
        {
            std::lock_guard lock(m_mutex);
            --m_busy;
        }
        m_done.notify_all();
    }
}

void WorkerTeam::run(std::size_t count, const std::function<void(std::size_t)>& body)
{
    if (count == 0)
        return;
    if (m_workers.empty() || count == 1) {
        for (std::size_t i = 0; i < count; ++i)
            body(i);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_body = &body;
        m_count = count;
        m_next = 0;
        m_failure = nullptr;
        ++m_generation;
    }
    m_start.notify_all();
    drain();
    std::exception_ptr failure;
    {
        std::unique_lock lock(m_mutex);
        // Workers that woke late find no items left and leave at once.
        m_done.wait(lock, [&] { return m_busy == 0; });
        m_body = nullptr;
        failure = m_failure;
    }
    if (failure)
        std::rethrow_exception(failure);
}

}  // namespace dslab
