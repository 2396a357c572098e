#include "chokepoint/scenario/input_limits.hpp"

#include <atomic>

namespace chokepoint {

namespace {

// Atomic: sweeps and calibrations read files from worker threads while the main thread may,
// in a test, change the limit.
std::atomic<std::uint64_t> max_input_bytes{kDefaultMaxInputBytes};

}  // namespace

void set_max_input_size(std::uint64_t bytes) {
  max_input_bytes.store(bytes);
}

std::uint64_t max_input_size() {
  return max_input_bytes.load();
}

}  // namespace chokepoint
