#pragma once

// A run: the world built from a scenario, stepped through the phases of MODEL.md section 5.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>

#include "chokepoint/output/run_record.hpp"
#include "chokepoint/phases/step_context.hpp"
#include "chokepoint/scenario/description.hpp"
#include "chokepoint/sim/metrics.hpp"
#include "chokepoint/world/world.hpp"

namespace chokepoint {

enum class Phase { Policies, Offers, Matching, Settlement, EntryExit, Metrics, Count };
inline constexpr std::array<const char*, static_cast<std::size_t>(Phase::Count)> kPhaseNames = {
    "policies", "offers", "matching", "settlement", "entry_exit", "metrics"};

class Simulation {
 public:
  explicit Simulation(const ScenarioDescription& scenario);

  // Runs the next step: the six phases in their fixed order.
  void step();
  bool finished() const { return step_ >= scenario_.calendar.steps; }
  std::int32_t steps_done() const { return step_; }

  const ScenarioDescription& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  const MetricsBuffer& metrics() const { return metrics_; }
  // Wall-clock seconds spent in each phase so far.
  const std::array<double, static_cast<std::size_t>(Phase::Count)>& phase_seconds() const {
    return phase_seconds_;
  }
  // Heap bytes held by the world, the step's tables and the metrics buffer (what
  // estimate_memory() predicts; see chokepoint/world/memory_estimate.hpp).
  std::uint64_t memory_held() const;
  // The record of the run so far (series cover every step; steps not run are zero).
  RunRecord take_record(RunMetadata metadata);

 private:
  const ScenarioDescription& scenario_;
  World world_;
  PolicyState policy_;
  ImportHistory history_;
  StepTotals totals_;
  MetricsBuffer metrics_;
  std::int32_t step_ = 0;
  std::array<double, static_cast<std::size_t>(Phase::Count)> phase_seconds_{};
};

struct RunOptions {
  int threads = 0;  // 0: all cores
  // Called after every step with (steps done, total steps).
  std::function<void(std::int32_t, std::int32_t)> progress;
};

// Builds, runs to the end and returns the record with complete metadata.
RunRecord run_scenario(const ScenarioDescription& scenario, const RunOptions& options);

// Current UTC time as ISO 8601 ("2026-11-24T21:38:00Z").
std::string utc_now_iso8601();

}  // namespace chokepoint
