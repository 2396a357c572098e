#pragma once

// How much memory a run of a scenario needs, worked out from its description alone, before
// anything is allocated: so that a scenario too large for the machine (or for a stated limit)
// is refused when it is loaded rather than after minutes of swapping. And what the built
// arrays actually hold, to check the estimate against.
//
// Counted: every array of the world (sized once when it is built), the step's tables
// (PolicyState, ImportHistory, StepTotals) and the MetricsBuffer (steps x series), as element
// sizes times lengths. Not counted: the allocator's own overhead, the program, thread stacks
// and libraries, and the output file's write buffers.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/policy/policy_state.hpp"
#include "chokepoint/scenario/description.hpp"
#include "chokepoint/sim/metrics.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

struct MemoryEstimate {
  // Bytes by what they are for. Each agent kind includes its offers, its entries in the
  // sector samplers and (buyers) its offer slots and request-index entries.
  std::uint64_t firms = 0;
  std::uint64_t intermediaries = 0;  // every slot: incumbents and entry reserves
  std::uint64_t buyers = 0;
  std::uint64_t world_tables = 0;  // per state, sector, hub and pool
  std::uint64_t step_tables = 0;   // PolicyState, ImportHistory, StepTotals
  std::uint64_t metrics = 0;       // the per-step series kept for the output file
  // What each population of the scenario adds, in scenario order (intermediaries: count and
  // reserve), for pointing at the one to shrink.
  std::vector<std::uint64_t> firm_populations;
  std::vector<std::uint64_t> intermediary_populations;
  std::vector<std::uint64_t> buyer_populations;

  std::uint64_t world() const { return firms + intermediaries + buyers + world_tables; }
  std::uint64_t total() const { return world() + step_tables + metrics; }
  // "1.2 MiB (buyers 0.6 MiB, metrics 0.3 MiB, ...)": the total and its parts, largest first.
  std::string describe() const;
};

MemoryEstimate estimate_memory(const ScenarioDescription& scenario);

// Heap bytes the arrays of a built object hold (capacities times element sizes).
std::uint64_t measure_memory(const World& world);
std::uint64_t measure_memory(const PolicyState& policy);
std::uint64_t measure_memory(const ImportHistory& history);
std::uint64_t measure_memory(const StepTotals& totals);

// The limit a scenario's estimate is checked against when it is loaded.
struct MemoryLimit {
  std::uint64_t bytes = 0;
  std::string source;  // "limits.memory", "--max-memory", "this machine's physical memory"
};

// The smallest of: the command line's --max-memory if given, else the scenario's
// limits.memory; and every limit the system puts on this process (system_memory_limits).
MemoryLimit memory_limit(const ScenarioDescription& scenario,
                         std::optional<std::uint64_t> max_memory);

// The limits the system puts on this process's memory, each with where it comes from: the
// machine's physical memory, what is left under RLIMIT_AS and RLIMIT_DATA (ulimit -v, -d),
// and the memory limit of its cgroup (v1 or v2; Slurm's --mem, a container's limit).
std::vector<MemoryLimit> system_memory_limits();

// The smallest memory limit on the cgroup paths that `proc_self_cgroup` (the text of
// /proc/self/cgroup) names, read below `cgroup_root` (/sys/fs/cgroup): memory.max for v2,
// memory/.../memory.limit_in_bytes for v1, the cgroup's own and its ancestors'. Nothing when
// none is set.
std::optional<std::uint64_t> cgroup_memory_limit(const std::string& proc_self_cgroup,
                                                 const std::filesystem::path& cgroup_root);

// Physical memory of this machine in bytes (0 if the system does not say).
std::uint64_t physical_memory_bytes();

// A size as written in a scenario or on the command line: a number and a binary unit,
// "8 GiB", "512MiB", "1.5 TiB", "4096 B". Returns nothing when the text is not one, and sets
// `hint` to what is wrong (" (add a unit: ...)"), to be appended to "expected ..., found ...".
std::optional<std::uint64_t> parse_memory_size(std::string_view text, std::string& hint);
// What parse_memory_size accepts, for messages.
inline constexpr const char* kMemorySizeExpected =
    "a size with a unit, e.g. \"8 GiB\" (units B, KiB, MiB, GiB, TiB)";

// "512 B", "3.0 KiB", "38.2 GiB": one decimal in the largest unit that is at least 1.
std::string format_memory_size(std::uint64_t bytes);

}  // namespace chokepoint
