#include "engine/core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dslab {

int hardwareThreads()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(std::size_t begin, std::size_t end, int threads, const std::function<void(std::size_t)>& body)
{
    if (end <= begin)
        return;
    const std::size_t count = end - begin;
    std::size_t workers = static_cast<std::size_t>(threads <= 0 ? hardwareThreads() : threads);
    workers = std::min(workers, count);
    if (workers <= 1) {
        for (std::size_t i = begin; i < end; ++i)
            body(i);
        return;
    }
    // Dynamic scheduling: each worker takes the next index, which balances
    // uneven work (trees of different sizes) without a thread pool.
    std::atomic<std::size_t> next{begin};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= end)
                return;
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next.store(end);
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

}  // namespace dslab
