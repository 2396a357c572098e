#include <sys/resource.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <sstream>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kBenchHelp =
    R"HELP(chokepoint bench - measure simulation speed on a generated scenario

Usage: chokepoint bench [--agents N] [--steps N] [--threads LIST]

  --agents N     total agents (default 100000): 40% firms, 5% intermediaries, 55% buyers,
                 over 6 sectors and 10 states, with export controls, secondary sanctions,
                 a quota and subsidies switching on during the run
  --steps N      steps to time (default 24)
  --threads LIST comma-separated thread counts (default 1,2)

Prints the memory a run needs as estimated from the scenario before building it, then per
thread count: build time, seconds per step, agent-steps per second, the time spent in each
phase, the memory the built arrays hold (in all and per agent) and the process's peak
resident memory so far. Not a test: the figures depend on the machine; `memory_probe` (built
next to this program) measures the machine's bandwidth and random-read rate to compare with.
)HELP";

namespace {

// A synthetic flagship-like world of the requested size, written as YAML so that it passes
// through exactly the checks a user's scenario does.
std::string generate_scenario(std::int64_t agents, std::int64_t steps) {
  const char* sectors[] = {"chips", "network", "radio", "computers", "machine_tools", "consumer"};
  const char* makers[] = {"US", "EU", "JP", "CN", "RU"};
  const char* hubs[] = {"HK", "KZ", "AM", "AE", "TR"};
  const std::int64_t firms_per_cell = std::max<std::int64_t>(1, agents * 40 / 100 / 30);
  const std::int64_t intermediaries_per_cell = std::max<std::int64_t>(1, agents * 5 / 100 / 30);
  const std::int64_t buyers_per_sector = std::max<std::int64_t>(1, agents * 55 / 100 / 6);
  std::ostringstream y;
  y << "name: bench\ncalendar: {start: 2021-01, steps: " << steps << "}\nseed: 1\ntarget: RU\n"
    << "states:\n  - {code: RU}\n  - {code: US, blocs: [coalition]}\n"
    << "  - {code: EU, blocs: [coalition]}\n  - {code: JP, blocs: [coalition]}\n"
    << "  - {code: CN}\n  - {code: HK}\n  - {code: KZ}\n  - {code: AM}\n  - {code: AE}\n"
    << "  - {code: TR}\nsectors:\n";
  for (const char* s : sectors)
    y << "  - {code: " << s << ", target_demand: " << firms_per_cell * 5 * 800
      << ", base_price: 100}\n";
  y << "firms:\n";
  for (const char* s : sectors)
    for (const char* m : makers)
      y << "  - {state: " << m << ", sector: " << s << ", count: " << firms_per_cell
        << ", capacity: {lognormal: {median: 1000, sigma: 0.5}}, unit_cost: {uniform: [70, 90]},"
        << " coalition_revenue: 50000}\n";
  y << "intermediaries:\n";
  for (const char* s : sectors)
    for (const char* h : hubs)
      y << "  - {hub: " << h << ", sector: " << s << ", count: " << intermediaries_per_cell
        << ", capacity: {lognormal: {median: 4000, sigma: 0.5}}, entry: {rate: 0.5, cost: "
           "50000}}\n";
  y << "buyers:\n";
  for (const char* s : sectors)
    y << "  - {sector: " << s << ", count: " << buyers_per_sector << "}\n";
  y << "policies:\n"
    << "  export_controls:\n    - {name: controls, imposers: [coalition], sectors: [chips, "
       "network, radio, computers], coverage: 0.8, start: 2021-04}\n"
    << "  secondary_sanctions:\n    - {name: secondary, imposer: US, on: [CN, HK], intensity: "
       "0.02, start: 2021-08}\n"
    << "  import_quotas:\n    - {name: quota, origins: [CN], sectors: [network], share: 0.5, "
       "start: 2021-10}\n"
    << "  import_substitution_subsidies:\n    - {name: subsidy, sectors: [chips], "
       "production_rate: 0.2, investment_rate: 0.3, annual_budget: 1.0e9, start: 2021-06}\n";
  return y.str();
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--agents", "--steps", "--threads"}, {});
  if (!arguments.positional().empty()) throw UsageError("takes no positional arguments");
  const std::int64_t agents = arguments.integer("--agents", 100, 100'000'000).value_or(100'000);
  const std::int64_t steps = arguments.integer("--steps", 1, 10'000).value_or(24);
  std::vector<int> thread_counts;
  std::stringstream list(arguments.value("--threads").value_or("1,2"));
  for (std::string item; std::getline(list, item, ',');)
    thread_counts.push_back(static_cast<int>(parse_integer(item, "--threads", 1, 1024)));

  const ScenarioDescription scenario =
      load_scenario_text(generate_scenario(agents, steps), "<bench>");
  const std::size_t count =
      scenario.firm_count() + scenario.intermediary_count() + scenario.buyer_count();
  std::printf("bench: %zu agents, %lld steps; estimated memory %s\n", count,
              static_cast<long long>(steps), estimate_memory(scenario).describe().c_str());
  std::printf("%8s %10s %12s %16s %10s %10s %12s %14s\n", "threads", "build s", "s/step",
              "agent-steps/s", "speed-up", "held MiB", "bytes/agent", "peak RSS MiB");
  double one_thread_rate = 0.0;
  for (int threads : thread_counts) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    const auto t0 = std::chrono::steady_clock::now();
    Simulation simulation(scenario);
    const auto t1 = std::chrono::steady_clock::now();
    while (!simulation.finished())
      simulation.step();
    const auto t2 = std::chrono::steady_clock::now();
    const double build = std::chrono::duration<double>(t1 - t0).count();
    const double run = std::chrono::duration<double>(t2 - t1).count();
    const double rate = static_cast<double>(count) * static_cast<double>(steps) / run;
    if (one_thread_rate == 0.0) one_thread_rate = rate;
    const double held = static_cast<double>(simulation.memory_held());
    std::printf("%8d %10.3f %12.5f %16.3e %10.2f %10.1f %12.1f %14.1f\n", threads, build,
                run / static_cast<double>(steps), rate, rate / one_thread_rate,
                held / (1024.0 * 1024.0), held / static_cast<double>(count), peak_memory_mib());
    std::printf("         phases (s):");
    for (std::size_t p = 0; p < kPhaseNames.size(); ++p)
      std::printf(" %s %.3f", kPhaseNames[p], simulation.phase_seconds()[p]);
    std::printf("\n");
  }
  return 0;
}

}  // namespace chokepoint::cli
