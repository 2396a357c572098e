#pragma once

// Parallel loops with a fixed decomposition. Work inside a block touches only its own agents,
// so results never depend on the number of threads; sums across agents are done by callers in
// index order, or block by block in block order (see fixed_block_sum).

#include <cstddef>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

namespace chokepoint {

// Small enough that the test worlds (a few thousand agents) run in several blocks, so the
// determinism tests exercise real concurrency; large enough that scheduling costs are noise.
inline constexpr std::size_t kAgentBlock = 512;

template <typename Body>
void parallel_over(std::size_t count, Body&& body) {
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, count, kAgentBlock),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i)
          body(i);
      },
      tbb::simple_partitioner());
}

}  // namespace chokepoint
