#include "price_table.hpp"

#include <array>
#include <cmath>
#include <vector>

#include "record_view.hpp"

namespace chokepoint::cli {

namespace {

// Steps per calendar year of the record's calendar.
std::size_t steps_per_year(const RunRecord& record) {
  return static_cast<std::size_t>(12 / std::max(1, record.meta.months_per_step));
}

struct Shape {
  std::size_t steps = 0, sectors = 0, states = 0;
  static constexpr std::size_t kRoutes = 3;
};

// Units delivered [sector][route] summed over steps [from, to), from `imports`.
std::vector<std::array<double, Shape::kRoutes>> units_by_route(const View& view, const Shape& shape,
                                                               std::size_t from, std::size_t to) {
  const Series& imports = view.series("imports");
  std::vector<std::array<double, Shape::kRoutes>> units(shape.sectors, {0.0, 0.0, 0.0});
  const std::size_t inner = shape.sectors * shape.states * Shape::kRoutes;
  for (std::size_t t = from; t < to; ++t)
    for (std::size_t k = 0; k < shape.sectors; ++k)
      for (std::size_t s = 0; s < shape.states; ++s)
        for (std::size_t r = 0; r < Shape::kRoutes; ++r)
          units[k][r] += imports.values[t * inner + (k * shape.states + s) * Shape::kRoutes + r];
  return units;
}

// Units-weighted mean over steps [from, to) of a [time, sector, route] price, per cell.
double mean_price(const Series& price, const Series& imports, const Shape& shape, std::size_t from,
                  std::size_t to, std::size_t k, std::size_t r) {
  double sum = 0.0, units = 0.0;
  const std::size_t inner = shape.sectors * Shape::kRoutes;
  const std::size_t imports_inner = shape.sectors * shape.states * Shape::kRoutes;
  for (std::size_t t = from; t < to; ++t) {
    const double v = price.values[t * inner + k * Shape::kRoutes + r];
    if (std::isnan(v)) continue;
    double u = 0.0;
    for (std::size_t s = 0; s < shape.states; ++s)
      u += imports.values[t * imports_inner + (k * shape.states + s) * Shape::kRoutes + r];
    sum += v * u;
    units += u;
  }
  return units > 0.0 ? sum / units : std::nan("");
}

}  // namespace

void print_price_hops(std::FILE* out, const RunRecord& record, std::size_t from, std::size_t to,
                      const std::string& period) {
  if (!record.find_series("price_maker")) return;  // a file from before the hops were recorded
  const View view(record);
  Shape shape{view.steps(), view.axis_size("sector"), view.axis_size("state")};
  const std::size_t base_end = std::min(steps_per_year(record), shape.steps);
  const Series& controlled = view.series("sector_controlled");
  const Series& imports = view.series("imports");
  const Series& average = view.series("average_price");
  // The first year's mean delivered price and delivered value of each controlled sector.
  std::vector<double> base_price(shape.sectors, 0.0), weight(shape.sectors, 0.0);
  const auto base_units = units_by_route(view, shape, 0, base_end);
  for (std::size_t k = 0; k < shape.sectors; ++k) {
    if (controlled.values[k] == 0.0) continue;
    double sum = 0.0, count = 0.0;
    for (std::size_t t = 0; t < base_end; ++t) {
      const double v = average.values[t * shape.sectors + k];
      if (std::isnan(v)) continue;
      sum += v;
      count += 1.0;
    }
    base_price[k] = count > 0.0 ? sum / count : 0.0;
    weight[k] = base_price[k] * (base_units[k][0] + base_units[k][1] + base_units[k][2]);
  }
  const auto units = units_by_route(view, shape, from, to);
  static const std::array<std::pair<const char*, const char*>, 10> kHops = {{
      {"price_maker", "maker's price"},
      {"price_maker_risk_premium", "maker's risk premium"},
      {"price_distributor_margin", "distributors' margin"},
      {"price_logistics", "transshipment and logistics"},
      {"price_trader_markup", "trader's markup (floor)"},
      {"price_scarcity_rent", "scarcity rent"},
      {"price_risk_premium", "risk premium (seizure)"},
      {"price_payment_fee", "payment fees"},
      {"price_tariff", "tariff"},
      {"delivered_price", "delivered price"},
  }};
  std::fprintf(out,
               "\nDelivered price of controlled goods by hop, %s (share of the first year's "
               "price, first-year value weights)\n",
               period.c_str());
  std::fprintf(out, "  %-30s %10s %10s %10s %10s\n", "", "direct", "via hubs", "domestic", "all");
  for (const auto& [name, label] : kHops) {
    if (!view.has_series(name)) continue;  // a file from before the hop was recorded
    const Series& price = view.series(name);
    std::array<double, 4> cell{}, cell_weight{};
    for (std::size_t k = 0; k < shape.sectors; ++k) {
      if (weight[k] <= 0.0) continue;
      const double total_units = units[k][0] + units[k][1] + units[k][2];
      for (std::size_t r = 0; r < Shape::kRoutes; ++r) {
        const double p = mean_price(price, imports, shape, from, to, k, r);
        if (std::isnan(p) || units[k][r] <= 0.0) continue;
        cell[r] += weight[k] * p / base_price[k];
        cell_weight[r] += weight[k];
        // All routes: each route's hop in proportion to the units it delivered.
        cell[3] += weight[k] * p / base_price[k] * units[k][r] / total_units;
      }
      if (total_units > 0.0) cell_weight[3] += weight[k];
    }
    std::fprintf(out, "  %-30s", label);
    for (std::size_t c = 0; c < 4; ++c) {
      if (cell_weight[c] > 0.0)
        std::fprintf(out, " %10.3f", cell[c] / cell_weight[c]);
      else
        std::fprintf(out, " %10s", "-");
    }
    std::fprintf(out, "\n");
  }
  const double index = view.mean("price_index", from, to);
  const double elsewhere = view.mean("price_index_elsewhere", from, to);
  std::fprintf(out, "  %-30s %10.3f   (price_index; base = the scenario's price_base)\n",
               "price index", index);
  std::fprintf(out, "  %-30s %10.3f   (price_index_elsewhere: the same goods sold elsewhere)\n",
               "same goods elsewhere", elsewhere);
  std::fprintf(out, "  %-30s %10.1f   (%% over the same goods elsewhere)\n", "premium paid (%)",
               100.0 * (index / elsewhere - 1.0));
}

void print_yearly_prices_and_origins(std::FILE* out, const RunRecord& record,
                                     const std::string& focus_label) {
  if (!record.find_series("imports_by_maker_shipper_value")) return;
  const View view(record);
  Shape shape{view.steps(), view.axis_size("sector"), view.axis_size("state")};
  const std::size_t per_year = steps_per_year(record);
  const Series& controlled = view.series("sector_controlled");
  const Series& flows = view.series("imports_by_maker_shipper_value");
  const Series& focus_member = view.series("focus_member");
  const std::vector<std::string>& time = record.find_axis("time")->labels;
  std::fprintf(out, "\nBy year: prices of controlled goods and %s's share of them on both bases\n",
               focus_label.c_str());
  std::fprintf(out, "  %-8s %8s %10s %9s %10s %10s %16s\n", "year", "index", "elsewhere",
               "premium%", "shipping%", "making%", "made elsewhere%");
  const std::size_t n = shape.states;
  for (std::size_t from = 0; from < shape.steps; from += per_year) {
    const std::size_t to = std::min(shape.steps, from + per_year);
    double shipped = 0.0, shipped_foreign_made = 0.0;
    for (std::size_t t = from; t < to; ++t)
      for (std::size_t k = 0; k < shape.sectors; ++k) {
        if (controlled.values[k] == 0.0) continue;
        for (std::size_t maker = 0; maker < n; ++maker)
          for (std::size_t shipper = 0; shipper < n; ++shipper) {
            if (focus_member.values[shipper] == 0.0) continue;
            const double v = flows.values[((t * shape.sectors + k) * n + maker) * n + shipper];
            shipped += v;
            if (focus_member.values[maker] == 0.0) shipped_foreign_made += v;
          }
      }
    const double i = view.mean("price_index", from, to),
                 e = view.mean("price_index_elsewhere", from, to);
    std::fprintf(out, "  %-8s %8.3f %10.3f %9.1f %10.1f %10.1f %16.1f\n",
                 time[from].substr(0, 4).c_str(), i, e, 100.0 * (i / e - 1.0),
                 100.0 * view.mean("focus_share", from, to),
                 100.0 * view.mean("focus_maker_share", from, to),
                 shipped > 0.0 ? 100.0 * shipped_foreign_made / shipped : 0.0);
  }
}

}  // namespace chokepoint::cli
