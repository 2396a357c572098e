#include "summary.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "chokepoint/error.hpp"
#include "price_table.hpp"
#include "record_view.hpp"

namespace chokepoint::cli {

void print_summary(std::FILE* out, const RunRecord& record, const std::string& focus_label) {
  const View view(record);
  const std::size_t steps = static_cast<std::size_t>(record.meta.steps);
  if (steps == 0) return;
  const std::size_t per_year =
      static_cast<std::size_t>(12 / std::max(1, record.meta.months_per_step));
  const std::size_t first_end = std::min(per_year, steps);
  const std::size_t last_begin = steps > per_year ? steps - per_year : 0;
  const std::vector<std::string>& time = view.labels("time");
  const std::string first = time.front() + ".." + time[first_end - 1];
  const std::string last = time[last_begin] + ".." + time.back();
  const double months = static_cast<double>(record.meta.months_per_step);

  // Controlled imports by shipping state, summed over the controlled sectors.
  const std::vector<std::string>& states = view.labels("state");
  const std::vector<std::string>& sectors = view.labels("sector");
  const Series& by_shipper = view.series("imports_by_shipper_value");
  const Series& controlled = view.series("sector_controlled");
  std::vector<double> early(states.size(), 0.0), late(states.size(), 0.0);
  const std::size_t inner = sectors.size() * states.size();
  for (std::size_t t = 0; t < steps; ++t)
    for (std::size_t k = 0; k < sectors.size(); ++k)
      for (std::size_t s = 0; s < states.size(); ++s) {
        if (controlled.values[k] == 0.0) continue;
        const double v = by_shipper.values[t * inner + k * states.size() + s];
        if (t < first_end) early[s] += v;
        if (t >= last_begin) late[s] += v;
      }
  const double early_years = static_cast<double>(first_end) * months / 12.0;
  const double late_years = static_cast<double>(steps - last_begin) * months / 12.0;

  std::fprintf(out, "\nControlled imports by shipping state, USD million per year\n");
  std::fprintf(out, "  %-10s %18s %18s\n", "state", first.c_str(), last.c_str());
  std::vector<std::size_t> order(states.size());
  for (std::size_t s = 0; s < order.size(); ++s)
    order[s] = s;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return late[a] > late[b]; });
  for (std::size_t s : order) {
    if (early[s] <= 0.0 && late[s] <= 0.0) continue;
    // Series are monthly rates: a step stands for `months` months of them.
    std::fprintf(out, "  %-10s %18.1f %18.1f\n", states[s].c_str(),
                 early[s] * months / early_years / 1e6, late[s] * months / late_years / 1e6);
  }

  const auto row = [&](const std::string& label, const std::string& series, double scale,
                       int decimals) {
    std::fprintf(out, "  %-50s %10.*f %10.*f\n", label.c_str(), decimals,
                 scale * view.mean(series, 0, first_end), decimals,
                 scale * view.mean(series, last_begin, steps));
  };
  std::fprintf(out, "\nHeadline outcomes (means over each period)\n");
  std::fprintf(out, "  %-50s %10s %10s\n", "", "first yr", "last yr");
  const std::string focus = focus_label + " share of controlled imports, shipping (%)";
  const std::string focus_maker = focus_label + " share of controlled imports, making (%)";
  row(focus, "focus_share", 100.0, 1);
  row(focus_maker, "focus_maker_share", 100.0, 1);
  row("supplier concentration (HHI, 0-1)", "hhi", 1.0, 3);
  row("price index of controlled goods (base = 1)", "price_index", 1.0, 3);

  double demand_early = 0, demand_late = 0, unmet_early = 0, unmet_late = 0;
  double domestic_early = 0, domestic_late = 0;
  for (std::size_t k = 0; k < sectors.size(); ++k) {
    demand_early += view.mean("demand", 0, first_end, k);
    demand_late += view.mean("demand", last_begin, steps, k);
    unmet_early += view.mean("unmet_demand", 0, first_end, k);
    unmet_late += view.mean("unmet_demand", last_begin, steps, k);
    domestic_early +=
        view.mean("domestic_share", 0, first_end, k) * view.mean("demand", 0, first_end, k);
    domestic_late += view.mean("domestic_share", last_begin, steps, k) *
                     view.mean("demand", last_begin, steps, k);
  }
  std::fprintf(out, "  %-50s %10.1f %10.1f\n", "shortage (% of demand)",
               demand_early > 0 ? 100.0 * unmet_early / demand_early : 0.0,
               demand_late > 0 ? 100.0 * unmet_late / demand_late : 0.0);
  std::fprintf(out, "  %-50s %10.1f %10.1f\n", "domestic producers' share (% of demand)",
               demand_early > 0 ? 100.0 * domestic_early / demand_early : 0.0,
               demand_late > 0 ? 100.0 * domestic_late / demand_late : 0.0);

  double hub_early = 0, hub_late = 0, active_end = 0, entered = 0, designated = 0;
  const std::size_t hubs = view.axis_size("hub");
  for (std::size_t h = 0; h < hubs; ++h) {
    hub_early += view.mean("hub_volume", 0, first_end, h);
    hub_late += view.mean("hub_volume", last_begin, steps, h);
    active_end += view.series("intermediaries_active").values[(steps - 1) * hubs + h];
    for (std::size_t t = 0; t < steps; ++t) {
      entered += view.series("intermediaries_entered").values[t * hubs + h];
      designated += view.series("intermediaries_designated").values[t * hubs + h];
    }
  }
  std::fprintf(out, "  %-50s %10.0f %10.0f\n", "volume through hubs (units/month)", hub_early,
               hub_late);
  double firms_designated = 0;
  const Series& firm_designations = view.series("firm_designations");
  for (double v : firm_designations.values)
    firms_designated += v;
  std::fprintf(out, "\n  intermediaries active at the end: %.0f; entered: %.0f; designated: %.0f\n",
               active_end, entered, designated);
  std::fprintf(out, "  firms designated under secondary sanctions: %.0f\n", firms_designated);
  print_yearly_prices_and_origins(out, record, focus_label);
  print_price_hops(out, record, last_begin, steps, last);
}

}  // namespace chokepoint::cli
