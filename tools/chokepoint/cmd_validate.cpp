#include <cstdio>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sweep/runner.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kValidateHelp =
    R"HELP(chokepoint validate - check scenario files without running them

Usage: chokepoint validate SCENARIO.yaml [MORE.yaml...] [--set PATH=VALUE]...
                          [--max-memory SIZE]

Loads each file with every check a run applies (syntax, keys, types, ranges, names of states,
sectors and blocs, dates, contradicting policies, memory) and prints for a valid file
"ok: FILE (...)" and the memory a run would need, or the first error as
FILE:LINE:COLUMN: key.path: what was expected and what was found. Writes nothing.
Each --set PATH=VALUE replaces a value before the checks, in every file, as in chokepoint run.
--max-memory SIZE (e.g. 8GiB, "512 MiB"; units B, KiB, MiB, GiB, TiB) replaces the scenario's
limits.memory; the limits the system sets (physical memory, ulimit -v and -d, the cgroup's
limit such as a Slurm job's --mem) apply too, and the smallest wins.
A sweep file (one with `base:` and `axes:`, docs/SWEEPS.md) is valid when every one of its
variants is; --set and --max-memory do not apply to it.
Exit status: 0 when every file is valid, 1 otherwise.
)HELP";

int validate_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--max-memory"}, {}, {"--set"});
  const std::vector<std::string> overrides = arguments.values("--set");
  const std::optional<std::uint64_t> max_memory = arguments.memory_size("--max-memory");
  if (arguments.positional().empty())
    throw UsageError("expects at least one scenario file (see chokepoint validate --help)");
  int status = 0;
  for (const std::string& path : arguments.positional()) {
    try {
      if (is_sweep_file(path)) {
        // A sweep is valid when every one of its variants is.
        const SweepPlan plan = plan_sweep(load_sweep_file(path));
        std::printf("ok: %s (sweep %s: %s design, %zu runs of %s)\n", path.c_str(),
                    plan.sweep.name.c_str(), design_name(plan.sweep.design), plan.runs.size(),
                    plan.sweep.base_scenario.c_str());
        continue;
      }
      const ScenarioDescription scenario = load_scenario_file(path, overrides, max_memory);
      std::printf(
          "ok: %s (%s: %zu states, %zu sectors, %zu firms, %zu intermediaries, %zu buyers, %d "
          "steps)\n",
          path.c_str(), scenario.name.c_str(), scenario.states.size(), scenario.sectors.size(),
          scenario.firm_count(), scenario.intermediary_count(), scenario.buyer_count(),
          scenario.calendar.steps);
      const MemoryLimit limit = memory_limit(scenario, max_memory);
      std::printf("    a run needs about %s; limit %s (%s)\n",
                  estimate_memory(scenario).describe().c_str(),
                  format_memory_size(limit.bytes).c_str(), limit.source.c_str());
    } catch (const Error& error) {  // a scenario error, or a sweep variant's
      std::fprintf(stderr, "error: %s\n", error.what());
      status = 1;
    }
  }
  return status;
}

}  // namespace chokepoint::cli
