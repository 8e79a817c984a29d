// Parallel loops over index ranges with an explicit thread count, so that a
// model's n_jobs / TrainContext::threads is honoured and results do not
// depend on how work is split (each index writes only its own output).
#pragma once

#include <cstddef>
#include <functional>

namespace dslab {

// Calls body(i) for i in [begin, end) on up to `threads` threads (<= 0 means
// all cores). Exceptions thrown by body are rethrown on the calling thread.
void parallelFor(std::size_t begin, std::size_t end, int threads, const std::function<void(std::size_t)>& body);

int hardwareThreads();

}  // namespace dslab
