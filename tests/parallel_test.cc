// The thread pool: every index runs exactly once, however many jobs, and a task's
// exception reaches the caller after the other threads have stopped.
#include "parallel.h"

#include <atomic>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

using namespace ag;

TEST_CASE("every index runs exactly once") {
  for (unsigned jobs : {1u, 2u, 3u, 8u, 64u}) {
    for (std::size_t n : {0u, 1u, 2u, 7u, 1000u}) {
      INFO("jobs " << jobs << ", n " << n);
      std::vector<std::atomic<int>> runs(n);
      parallel_for(n, jobs, [&](std::size_t i) { ++runs[i]; });
      for (std::size_t i = 0; i < n; ++i) CHECK(runs[i] == 1);
    }
  }
}

TEST_CASE("a task's exception is rethrown to the caller") {
  std::atomic<int> done{0};
  CHECK_THROWS_AS(parallel_for(100, 4,
                               [&](std::size_t i) {
                                 if (i == 10) throw std::runtime_error("task 10");
                                 ++done;
                               }),
                  std::runtime_error);
  CHECK(done < 100);
}

TEST_CASE("the default is at least one job") { CHECK(default_jobs() >= 1); }
