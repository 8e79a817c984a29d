#include "engine/models/trees/worker_team.h"

namespace dslab {

namespace {

// About 20 microseconds of polling before a thread sleeps.
constexpr int kSpins = 4000;
// Below this many element operations (some tens of microseconds), handing
// work to the team costs more than it saves.
constexpr std::size_t kMinParallelWork = 65536;

inline void relax()
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    __builtin_ia32_pause();
#endif
}

}  // namespace

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
        m_published.store(m_generation + 1, std::memory_order_release);
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
        for (int i = 0; i < kSpins && m_published.load(std::memory_order_acquire) == seen; ++i)
            relax();
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_quit || m_generation != seen; });
            if (m_quit)
                return;
            seen = m_generation;
            ++m_busy;
            m_running.fetch_add(1, std::memory_order_relaxed);
        }
        drain();
        {
            std::lock_guard lock(m_mutex);
            --m_busy;
            m_running.fetch_sub(1, std::memory_order_release);
        }
        m_done.notify_all();
    }
}

void WorkerTeam::run(std::size_t count, std::size_t work, const std::function<void(std::size_t)>& body)
{
    if (work < kMinParallelWork) {
        for (std::size_t i = 0; i < count; ++i)
            body(i);
        return;
    }
    run(count, body);
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
        m_published.store(m_generation, std::memory_order_release);
    }
    m_start.notify_all();
    drain();
    for (int i = 0; i < kSpins && m_running.load(std::memory_order_acquire) > 0; ++i)
        relax();
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
