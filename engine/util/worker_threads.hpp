#pragma once

// Whole runs on plain threads, one per worker, the caller's included. Not TBB tasks: a run
// limits TBB with a process-wide global_control, which would starve queued TBB tasks (see
// docs/SWEEPS.md). Used by sweeps and by calibration.

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace chokepoint {

// Calls work(stop) on `workers` threads and waits for them. Each call takes its own jobs until
// it runs out or `stop` is set; the first error sets `stop`, so the others finish their current
// job, and is rethrown here.
template <typename Work>
void run_on_workers(int workers, const Work& work) {
  std::atomic<bool> stop{false};
  std::mutex error_lock;
  std::exception_ptr first_error;
  const auto guarded = [&] {
    try {
      work(stop);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_lock);
      if (!first_error) first_error = std::current_exception();
      stop = true;
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w)
    pool.emplace_back(guarded);
  guarded();
  for (std::thread& thread : pool)
    thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace chokepoint
