#pragma once

// Parallel loops with a fixed decomposition. Work inside a block touches only its own agents,
// so results never depend on the number of threads; sums across agents are done by callers in
// index order, or block by block in block order (see fixed_block_sum).

#include <atomic>
#include <cstddef>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

namespace chokepoint {

// Small enough that the test worlds (a few thousand agents) run in several blocks, so the
// determinism tests exercise real concurrency; large enough that scheduling costs are noise.
inline constexpr std::size_t kAgentBlock = 512;

#if defined(__SANITIZE_THREAD__)
#define CHOKEPOINT_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CHOKEPOINT_UNDER_TSAN 1
#endif
#endif

template <typename Body>
void parallel_over(std::size_t count, Body&& body) {
#ifdef CHOKEPOINT_UNDER_TSAN
  // parallel_for orders everything before it before every block, and every block before
  // what follows it, but Debian's oneTBB is not built for ThreadSanitizer, so TSan cannot see
  // that and reports the loop's writes and the caller's later reads as races. The same
  // ordering, stated with an atomic TSan understands (release before, acquire in each block;
  // release at each block's end, acquire after): only in TSan builds, where it documents
  // what TBB guarantees and leaves real races within the loop visible.
  std::atomic<std::size_t> order{0};
  order.store(0, std::memory_order_release);
#endif
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, count, kAgentBlock),
      [&](const tbb::blocked_range<std::size_t>& range) {
#ifdef CHOKEPOINT_UNDER_TSAN
        (void)order.load(std::memory_order_acquire);
#endif
        for (std::size_t i = range.begin(); i != range.end(); ++i)
          body(i);
#ifdef CHOKEPOINT_UNDER_TSAN
        order.fetch_add(1, std::memory_order_acq_rel);
#endif
      },
      tbb::simple_partitioner());
#ifdef CHOKEPOINT_UNDER_TSAN
  (void)order.load(std::memory_order_acquire);
#endif
}

}  // namespace chokepoint
