#include "chokepoint/world/memory_estimate.hpp"
#include "scenario/detail/sections.hpp"

namespace chokepoint::scenario_detail {

// The size is kept as written in the resolved scenario ("8 GiB" reads better than its bytes).
Limits load_limits(MapReader& map) {
  Limits limits;
  if (auto memory = map.find("memory")) {
    if (!memory->is_scalar()) memory->fail_expected(kMemorySizeExpected);
    const std::string text = memory->string();
    std::string hint;
    const std::optional<std::uint64_t> bytes = parse_memory_size(text, hint);
    if (!bytes) memory->fail_expected(kMemorySizeExpected, hint);
    limits.memory = *bytes;
  }
  map.finish();
  return limits;
}

}  // namespace chokepoint::scenario_detail
