#include "chokepoint/sim/simulation.hpp"

#include "chokepoint/output/finite_values.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>

#include "chokepoint/version.hpp"
#include "chokepoint/world/memory_estimate.hpp"

namespace chokepoint {

Simulation::Simulation(const ScenarioDescription& scenario)
    : scenario_(scenario),
      world_(build_world(scenario)),
      policy_(make_policy_state(scenario)),
      metrics_(scenario) {
  history_.imports_by_sector.assign(scenario.sectors.size(), 0.0);
  history_.coalition_exports_by_state.assign(scenario.states.size(), 0.0);
  history_.imports_by_sector_origin.assign(scenario.sectors.size() * scenario.states.size(), 0.0);
  history_.coalition_exports_base_sum.assign(scenario.states.size(), 0.0);
  totals_.unmet_by_sector.assign(scenario.sectors.size(), 0.0);
  totals_.subsidy_paid.assign(scenario.sectors.size(), 0.0);
  totals_.subsidy_claims.assign(scenario.sectors.size(), 0.0);
  totals_.units_by_sector_route.assign(scenario.sectors.size() * kRouteCount, 0.0);
  // Share quotas in force from the first step measure against the sector's demand.
  history_.average_price.assign(scenario.sectors.size(), 0.0);
  for (std::size_t k = 0; k < scenario.sectors.size(); ++k) {
    history_.imports_by_sector[k] = scenario.sectors[k].target_demand;
    history_.average_price[k] = scenario.sectors[k].base_price;
  }
  totals_.entered_by_hub.assign(world_.hubs.size(), 0);
  totals_.designated_by_hub.assign(world_.hubs.size(), 0);
}

void Simulation::step() {
  const auto months = static_cast<double>(scenario_.calendar.months_per_step);
  StepContext context{scenario_, world_, policy_, history_, totals_, step_, months};
  const auto timed = [this](Phase phase, auto&& run) {
    const auto start = std::chrono::steady_clock::now();
    run();
    phase_seconds_[static_cast<std::size_t>(phase)] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  timed(Phase::Policies, [&] { apply_policies(context); });
  timed(Phase::Offers, [&] { make_offers(context); });
  timed(Phase::Matching, [&] { match_buyers(context); });
  timed(Phase::Settlement, [&] { settle(context); });
  timed(Phase::EntryExit, [&] { entry_exit_investment(context); });
  timed(Phase::Metrics, [&] { record_metrics(context, metrics_); });
  ++step_;
}

std::uint64_t Simulation::memory_held() const {
  return measure_memory(world_) + measure_memory(policy_) + measure_memory(history_) +
         measure_memory(totals_) + metrics_.bytes_held();
}

RunRecord Simulation::take_record(RunMetadata metadata) {
  metrics_.finish_price_index(scenario_, step_);
  RunRecord record = std::move(metrics_.record());
  Series controlled{"sector_controlled", "1", "1 if the sector is on the control lists",
                    {"sector"},          {},  true};
  for (const SectorDesc& sector : scenario_.sectors)
    controlled.values.push_back(sector.controlled ? 1.0 : 0.0);
  record.series.push_back(std::move(controlled));
  // Which states make up the focus group (focus_share), so that readers of the file can
  // split its flows on both origin bases without the scenario.
  Series focus{"focus_member", "1", "1 if the state is in the report's focus group",
               {"state"},      {},  true};
  focus.values.assign(scenario_.states.size(), 0.0);
  for (StateIndex s : scenario_.report.focus_group)
    focus.values[s] = 1.0;
  record.series.push_back(std::move(focus));
  metadata.scenario_name = scenario_.name;
  metadata.scenario_file = scenario_.source_path;
  metadata.resolved_scenario = scenario_.resolved_yaml;
  metadata.seed = scenario_.seed;
  metadata.engine_version = std::string(engine_version());
  metadata.git_revision = std::string(git_revision());
  metadata.calendar_start = scenario_.calendar.label(0);
  metadata.months_per_step = scenario_.calendar.months_per_step;
  metadata.steps = step_;
  record.meta = std::move(metadata);
  check_finite_values(record, MetricsBuffer::series_missing_allowed());
  return record;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

RunRecord run_scenario(const ScenarioDescription& scenario, const RunOptions& options) {
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  RunMetadata metadata;
  metadata.started_utc = utc_now_iso8601();
  metadata.threads = threads;
  metadata.processes = 1;
  const auto start = std::chrono::steady_clock::now();
  Simulation simulation(scenario);
  while (!simulation.finished()) {
    simulation.step();
    if (options.progress) options.progress(simulation.steps_done(), scenario.calendar.steps);
  }
  metadata.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metadata.finished_utc = utc_now_iso8601();
  return simulation.take_record(std::move(metadata));
}

}  // namespace chokepoint
