#include "scenario/detail/check_memory.hpp"

#include <string>
#include <vector>

#include "chokepoint/world/memory_estimate.hpp"

namespace chokepoint::scenario_detail {

namespace {

// The key whose value to lower: a population's count, or the run's length.
struct Culprit {
  std::string list = "calendar";  // top-level key
  std::size_t index = 0;          // entry of the list, for populations
  std::string key = "steps";
  std::uint64_t bytes = 0;
};

Culprit largest_part(const MemoryEstimate& estimate) {
  Culprit culprit;
  culprit.bytes = estimate.metrics;
  const auto consider = [&](const std::vector<std::uint64_t>& populations, const char* list) {
    for (std::size_t i = 0; i < populations.size(); ++i) {
      if (populations[i] <= culprit.bytes) continue;
      culprit = {list, i, "count", populations[i]};
    }
  };
  consider(estimate.firm_populations, "firms");
  consider(estimate.intermediary_populations, "intermediaries");
  consider(estimate.buyer_populations, "buyers");
  return culprit;
}

// The culprit's value in the scenario as read. The scenario has been checked, so every key
// is where it should be; the reader writes into a tree of its own, not the resolved one.
Value locate(Value root, const Culprit& culprit) {
  MapReader top = root.map();
  Value section = *top.find(culprit.list);
  if (culprit.list == "calendar") return *section.map().find(culprit.key);
  std::vector<Value> entries = section.list(/*allow_empty=*/false);
  return *entries.at(culprit.index).map().find(culprit.key);
}

}  // namespace

void check_memory(const ScenarioDescription& scenario, Value root,
                  std::optional<std::uint64_t> max_memory) {
  const MemoryLimit limit = memory_limit(scenario, max_memory);
  if (limit.bytes == 0) return;  // the system does not say how much memory it has
  const MemoryEstimate estimate = estimate_memory(scenario);
  if (estimate.total() <= limit.bytes) return;
  const Culprit culprit = largest_part(estimate);
  const std::string lower =
      culprit.list == "calendar" ? "shorten the run, lower the counts" : "lower the counts";
  const std::string raise = limit.source == "limits.memory" || limit.source == "--max-memory"
                                ? "raise the limit"
                                : "run it where more memory is allowed (a limit the system "
                                  "sets is not raised by limits.memory or --max-memory)";
  locate(root, culprit)
      .fail("this world needs about " + estimate.describe() + " but the memory limit is " +
            format_memory_size(limit.bytes) + " (" + limit.source + "); " + lower + " or " + raise);
}

}  // namespace chokepoint::scenario_detail
