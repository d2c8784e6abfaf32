// A small pool for independent tasks: the manifests of one call.
#pragma once

#include <cstddef>
#include <functional>

namespace ag {

// Runs task(0) ... task(n - 1) on up to `jobs` threads (the calling thread is one of them),
// each index exactly once, and returns when all have finished. Tasks must not share
// mutable state; results go to per-index slots, so output never depends on scheduling.
// The first exception a task throws is rethrown here once every thread has stopped.
void parallel_for(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& task);

// The default for --jobs: the cores this process may run on, at least 1.
unsigned default_jobs();

}  // namespace ag
