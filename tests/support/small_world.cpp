#include "support/small_world.hpp"

#include <sstream>
#include <stdexcept>

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"

namespace chokepoint::testing {

std::string small_world_yaml(const std::string& policies_yaml, std::uint64_t seed, int n) {
  std::ostringstream y;
  y << R"(name: small_world
calendar: {start: 2021-01, steps: 36}
seed: )"
    << seed << R"(
target: RU
states:
  - {code: RU}
  - {code: US, blocs: [coalition]}
  - {code: EU, blocs: [coalition]}
  - {code: CN}
  - {code: HK}
  - {code: KZ}
sectors:
  - {code: chips, target_demand: )"
    << 100000 * n << R"(, base_price: 50}
  - {code: network, target_demand: )"
    << 10000 * n << R"(, base_price: 500}
  - {code: consumer, controlled: false, target_demand: )"
    << 50000 * n << R"(, base_price: 100}
firms:
)";
  for (const char* sector : {"chips", "network", "consumer"}) {
    const double size = std::string(sector) == "chips"     ? 1.0
                        : std::string(sector) == "network" ? 0.1
                                                           : 0.5;
    const double price = std::string(sector) == "chips"     ? 50
                         : std::string(sector) == "network" ? 500
                                                            : 100;
    y << "  - {state: US, sector: " << sector << ", count: " << 20 * n
      << ", capacity: " << 2000 * size << ", unit_cost: {uniform: [" << 0.74 * price << ", "
      << 0.84 * price << "]}, quality: 0.85, coalition_revenue: 1.0e6}\n";
    y << "  - {state: EU, sector: " << sector << ", count: " << 20 * n
      << ", capacity: " << 2000 * size << ", unit_cost: {uniform: [" << 0.74 * price << ", "
      << 0.84 * price << "]}, quality: 0.85, coalition_revenue: 1.0e6}\n";
    y << "  - {state: CN, sector: " << sector << ", count: " << 40 * n
      << ", capacity: " << 1500 * size << ", unit_cost: {uniform: [" << 0.64 * price << ", "
      << 0.76 * price
      << "]}, quality: 0.65, coalition_revenue: {lognormal: {median: 2.0e5, sigma: 1.5}}, "
         "branded_share: 0.5}\n";
    y << "  - {state: RU, sector: " << sector << ", count: " << 10 * n
      << ", capacity: " << 500 * size << ", unit_cost: {uniform: [" << 1.0 * price << ", "
      << 1.2 * price << "]}, quality: 0.5}\n";
  }
  y << "intermediaries:\n";
  for (const char* sector : {"chips", "network", "consumer"})
    for (const char* hub : {"HK", "KZ"}) {
      const double size = std::string(sector) == "chips"     ? 1.0
                          : std::string(sector) == "network" ? 0.1
                                                             : 0.5;
      y << "  - {hub: " << hub << ", sector: " << sector << ", count: " << 3 * n
        << ", capacity: " << 3000 * size
        << ", markup: 0.15, document_quality: 0.6, detection_rate: 0.01, entry: {rate: 1.0, "
           "cost: 1.0e5, reserve: 40}}\n";
    }
  y << "buyers:\n";
  for (const char* sector : {"chips", "network", "consumer"})
    y << "  - {sector: " << sector << ", count: " << 60 * n << ", search: 4}\n";
  y << R"(report:
  focus_group: [CN, HK]
  price_base: {from: 2021-01, to: 2021-06}
)";
  if (!policies_yaml.empty()) y << "policies:\n" << policies_yaml;
  return y.str();
}

ScenarioDescription small_world(const std::string& policies_yaml, std::uint64_t seed, int n) {
  return load_scenario_text(small_world_yaml(policies_yaml, seed, n), "<small_world>");
}

RunRecord run_small_world(const std::string& policies_yaml, int threads, std::uint64_t seed,
                          int n) {
  const ScenarioDescription scenario = small_world(policies_yaml, seed, n);
  RunOptions options;
  options.threads = threads;
  return run_scenario(scenario, options);
}

int steps_of(const RunRecord& record) {
  return record.meta.steps;
}

double last_year(const RunRecord& record, const std::string& series,
                 const std::vector<std::string>& labels_wanted) {
  return sum_over(record, series, steps_of(record) - 12, steps_of(record), labels_wanted);
}

const std::string kCoalitionControls = R"(  export_controls:
    - {name: controls, imposers: [coalition], sectors: [chips, network], coverage: 0.9, end_use_checks: 0.3, start: 2021-07}
)";

double sum_over(const RunRecord& record, const std::string& name, int from, int to,
                const std::vector<std::string>& labels_wanted) {
  const Series* series = record.find_series(name);
  if (!series) throw std::runtime_error("no series " + name);
  const std::vector<std::size_t> shape = record.shape_of(*series);
  std::size_t inner = 1;
  for (std::size_t d = 1; d < shape.size(); ++d)
    inner *= shape[d];
  double total = 0.0;
  for (int t = from; t < to; ++t)
    for (std::size_t i = 0; i < inner; ++i) {
      // Decode i into per-dim indices and keep it if every wanted label matches some dim.
      std::size_t rest = i;
      bool keep = true;
      std::vector<std::string> labels(shape.size(), "");
      for (std::size_t d = shape.size() - 1; d >= 1; --d) {
        const std::size_t index = rest % shape[d];
        rest /= shape[d];
        labels[d] = record.find_axis(series->dims[d])->labels[index];
      }
      for (const std::string& wanted : labels_wanted) {
        bool found = false;
        for (std::size_t d = 1; d < labels.size(); ++d)
          found |= labels[d] == wanted;
        keep &= found;
      }
      if (keep) total += series->values[static_cast<std::size_t>(t) * inner + i];
    }
  return total;
}

}  // namespace chokepoint::testing
