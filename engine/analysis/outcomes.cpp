#include "chokepoint/analysis/outcomes.hpp"

#include <algorithm>
#include <cmath>

#include "chokepoint/error.hpp"

namespace chokepoint {

namespace {

class Reader {
 public:
  explicit Reader(const RunRecord& record) : record_(record) {
    steps_ = static_cast<std::size_t>(std::max(0, record.meta.steps));
    months_ = std::max(1, record.meta.months_per_step);
    const std::size_t per_year = static_cast<std::size_t>(std::max(1, 12 / months_));
    last_year_begin_ = steps_ > per_year ? steps_ - per_year : 0;
  }
  const Series& series(const std::string& name) const {
    const Series* s = record_.find_series(name);
    if (!s) throw OutputError("run has no series \"" + name + "\"");
    return *s;
  }
  std::size_t inner(const Series& s) const { return steps_ > 0 ? s.values.size() / steps_ : 0; }
  // Sum over elements of one step.
  double step_total(const Series& s, std::size_t t) const {
    const std::size_t n = inner(s);
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(s.values[t * n + i])) sum += s.values[t * n + i];
    return sum;
  }
  double mean_over(const std::string& name, std::size_t from, std::size_t to) const {
    const Series& s = series(name);
    double sum = 0.0, count = 0.0;
    for (std::size_t t = from; t < to; ++t) {
      const double v = s.values[t * inner(s)];
      if (std::isnan(v)) continue;
      sum += v;
      count += 1.0;
    }
    return count > 0.0 ? sum / count : std::nan("");
  }
  double sum_over(const std::string& name, std::size_t from, std::size_t to) const {
    const Series& s = series(name);
    double sum = 0.0;
    for (std::size_t t = from; t < to; ++t)
      sum += step_total(s, t);
    return sum;
  }
  std::size_t steps() const { return steps_; }
  std::size_t last_year_begin() const { return last_year_begin_; }
  int months() const { return months_; }

 private:
  const RunRecord& record_;
  std::size_t steps_ = 0;
  int months_ = 1;
  std::size_t last_year_begin_ = 0;
};

// Domestic producers' share of what the target received, over steps [from, to): deliveries
// by route (imports has dims time, sector, state, route; domestic is route 2).
double domestic_share(const Reader& reader, std::size_t from, std::size_t to) {
  const Series& imports = reader.series("imports");
  const std::size_t inner = reader.inner(imports);
  double domestic = 0.0, total = 0.0;
  for (std::size_t t = from; t < to; ++t)
    for (std::size_t i = 0; i < inner; ++i) {
      const double v = imports.values[t * inner + i];
      total += v;
      if (i % 3 == 2) domestic += v;
    }
  return total > 0.0 ? domestic / total : 0.0;
}

}  // namespace

StepRange last_year_of(const RunRecord& record) {
  const Reader r(record);
  return {r.last_year_begin(), r.steps()};
}

std::vector<Outcome> headline_outcomes(const RunRecord& record) {
  return headline_outcomes(record, last_year_of(record));
}

std::vector<Outcome> headline_outcomes(const RunRecord& record, StepRange period) {
  const Reader r(record);
  const std::size_t steps = r.steps();
  if (period.from > period.to || period.to > steps)
    throw OutputError("period of steps [" + std::to_string(period.from) + ", " +
                      std::to_string(period.to) + ") is outside the run's " +
                      std::to_string(steps) + " steps");
  const bool last_year = period == last_year_of(record);
  const std::size_t from = period.from;
  const std::size_t to = period.to;
  const double unmet_last = r.sum_over("unmet_demand", from, to);
  const double demand_last = r.sum_over("demand", from, to);
  const double unmet_all = r.sum_over("unmet_demand", 0, steps);
  const double demand_all = r.sum_over("demand", 0, steps);
  const Series& hub_volume = r.series("hub_volume");
  double hub_peak = 0.0;
  for (std::size_t t = 0; t < steps; ++t)
    hub_peak = std::max(hub_peak, r.step_total(hub_volume, t));
  const double hub_last =
      to > from ? r.sum_over("hub_volume", from, to) / static_cast<double>(to - from) : 0.0;
  // Flows are monthly rates: a step stands for `months` months of spending.
  const double subsidies = r.sum_over("subsidy_outlays", 0, steps) * r.months();

  std::vector<Outcome> outcomes = {
      {"focus_share_last_year", "1",
       "focus group's share of controlled-import value (shipping), mean of the last year",
       r.mean_over("focus_share", from, to)},
      {"focus_maker_share_last_year", "1",
       "focus group's share of controlled-import value (making), mean of the last year",
       r.mean_over("focus_maker_share", from, to)},
      {"hhi_last_year", "1", "supplier concentration of controlled imports, mean of the last year",
       r.mean_over("hhi", from, to)},
      {"price_index_last_year", "1", "price index of controlled goods, mean of the last year",
       r.mean_over("price_index", from, to)},
      {"domestic_share_last_year", "1", "domestic producers' share of deliveries in the last year",
       domestic_share(r, from, to)},
      {"shortage_last_year", "1", "unmet share of demand in the last year",
       demand_last > 0.0 ? unmet_last / demand_last : 0.0},
      {"shortage_cumulative", "1", "unmet share of demand over the whole run",
       demand_all > 0.0 ? unmet_all / demand_all : 0.0},
      {"hub_volume_peak", "units/month", "largest monthly volume through all hubs together",
       hub_peak},
      {"hub_volume_last_year", "units/month", "volume through all hubs, mean of the last year",
       hub_last},
      {"firms_designated", "count", "firms designated under secondary sanctions over the run",
       r.sum_over("firm_designations", 0, steps)},
      {"intermediaries_designated", "count", "intermediaries designated over the run",
       r.sum_over("intermediaries_designated", 0, steps)},
      {"subsidy_outlays_total", "USD", "import-substitution subsidies paid over the run",
       subsidies},
  };
  for (Outcome& outcome : outcomes) {
    const std::string suffix = "_last_year";
    if (outcome.name.size() <= suffix.size() ||
        outcome.name.compare(outcome.name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    outcome.over_period = true;
    if (last_year) continue;
    outcome.name.replace(outcome.name.size() - suffix.size(), suffix.size(), "_period");
    const std::string of_last_year = "of the last year";
    const std::string in_last_year = "in the last year";
    for (const std::string& phrase : {of_last_year, in_last_year})
      if (const auto at = outcome.long_name.find(phrase); at != std::string::npos)
        outcome.long_name.replace(at, phrase.size(), "over the period");
  }
  return outcomes;
}

}  // namespace chokepoint
