#include "scenario/detail/sections.hpp"

#include <algorithm>

#include "scenario/detail/dates.hpp"

namespace chokepoint::scenario_detail {

namespace {

// By default prices are indexed to the first year of the run (12 months of steps).
constexpr std::int32_t kDefaultBaseMonths = 12;

// price_base: {from, to}, both months inclusive: the steps whose first month lies in
// [from, to] form the base period.
void read_price_base(MapReader& map, const Calendar& calendar, Report& report) {
  Value from_value = map.required("from");
  const YearMonth from = read_month(from_value);
  Value to_value = map.required("to");
  const YearMonth to = read_month(to_value);
  map.finish();
  if (to.index() < from.index())
    to_value.fail("to " + to.label() + " is before from " + from.label());
  report.price_base_start = calendar.step_at_or_after(from.year, from.month);
  const YearMonth after_to = to.next();
  report.price_base_end = calendar.step_at_or_after(after_to.year, after_to.month);
  if (report.price_base_start < 0)
    from_value.fail("from " + from.label() + " is before the calendar starts (" +
                    calendar.label(0) + ")");
  if (report.price_base_end > calendar.steps)
    to_value.fail("to " + to.label() + " is beyond the last step, which starts " +
                  calendar.label(calendar.steps - 1));
  if (report.price_base_end <= report.price_base_start)
    map.fail("the base period " + from.label() + " to " + to.label() +
             " contains no step start; widen it");
}

}  // namespace

Report load_report(MapReader& map, const Names& names, const Calendar& calendar) {
  Report report;
  report.focus_group = names.optional_states_or_blocs(map, "focus_group");
  report.focus_name = map.optional_string("focus_name", report.focus_name);
  const bool has_price_base = map.has("price_base");
  MapReader price_base = map.optional_map("price_base");
  price_base.use_flow_style();
  if (has_price_base) {
    read_price_base(price_base, calendar, report);
  } else {
    report.price_base_start = 0;
    report.price_base_end = std::min(kDefaultBaseMonths / calendar.months_per_step, calendar.steps);
    price_base.write("from", calendar.label(report.price_base_start));
    price_base.write("to", calendar.label(report.price_base_end - 1));
  }
  map.finish();
  return report;
}

}  // namespace chokepoint::scenario_detail
