// A fixed team of threads for the many short parallel phases of boosting
// (histograms, partitions, gradients: thousands per fit), where starting
// threads for each phase would cost more than the phase. Work items are
// handed out dynamically; callers make each item write only its own output,
// so results do not depend on the team size.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dslab {

class WorkerTeam {
public:
    explicit WorkerTeam(int threads);
    ~WorkerTeam();
    WorkerTeam(const WorkerTeam&) = delete;
    WorkerTeam& operator=(const WorkerTeam&) = delete;

    int size() const { return static_cast<int>(m_workers.size()) + 1; }
    // Calls body(i) for i in [0, count) on the team and the calling thread;
    // returns when all are done and rethrows the first exception.
    void run(std::size_t count, const std::function<void(std::size_t)>& body);
    // The same, on the calling thread alone when `work` (a rough count of
    // element operations) is too small to pay for waking the team.
    void run(std::size_t count, std::size_t work, const std::function<void(std::size_t)>& body);

private:
    void workerLoop();
    void drain();

    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::condition_variable m_start;
    std::condition_variable m_done;
    const std::function<void(std::size_t)>* m_body = nullptr;
    std::size_t m_count = 0;
    std::size_t m_next = 0;
    std::size_t m_generation = 0;
    int m_busy = 0;
    // Mirrors of m_generation and m_busy that threads poll for a few
    // microseconds before sleeping: phases follow each other closely, and a
    // wake-up through the condition variable costs tens of microseconds.
    std::atomic<std::size_t> m_published{0};
    std::atomic<int> m_running{0};
    bool m_quit = false;
    std::exception_ptr m_failure;
};

}  // namespace dslab
