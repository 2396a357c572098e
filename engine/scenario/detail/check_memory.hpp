#pragma once

// A scenario whose run would need more memory than the limit (the command line's --max-memory,
// the scenario's limits.memory, or the machine's physical memory) is refused when it is
// loaded, before anything is allocated.

#include <cstdint>
#include <optional>

#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/node_reader.hpp"

namespace chokepoint::scenario_detail {

// `root` is the scenario as read (already checked), used only to locate the error: at the
// `count` of the population adding most, or at calendar.steps when the per-step series do.
void check_memory(const ScenarioDescription& scenario, Value root,
                  std::optional<std::uint64_t> max_memory);

}  // namespace chokepoint::scenario_detail
