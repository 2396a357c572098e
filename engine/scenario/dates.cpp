#include "scenario/detail/dates.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace chokepoint::scenario_detail {

std::string YearMonth::label() const {
  Calendar calendar;
  calendar.start_year = year;
  calendar.start_month = month;
  return calendar.label(0);
}

YearMonth read_month(Value& value) {
  // YAML reads 2022-03 as a string, so a month may be written with or without quotes.
  const std::string expected = "a month written YYYY-MM, e.g. 2022-03";
  if (!value.is_scalar()) value.fail_expected(expected);
  const auto parsed = parse_year_month(value.node().Scalar());
  if (!parsed) value.fail_expected(expected);
  value.string();  // records the month in the resolved scenario
  return {parsed->first, parsed->second};
}

ActiveSpan read_span(MapReader& map, const Calendar& calendar, std::int32_t* start_month) {
  Value start_value = map.required("start");
  const YearMonth start = read_month(start_value);
  if (start_month) *start_month = start.index();
  ActiveSpan span;
  span.start = std::max(0, calendar.step_at_or_after(start.year, start.month));
  // An instrument that never acts is a mistake (a typo in the year, a calendar cut short),
  // not a no-op. A start before the calendar is fine: the policy is already in force.
  if (span.start >= calendar.steps) {
    const std::int32_t last_month = calendar.month_index(calendar.steps) - 1;
    const YearMonth run_end{last_month / 12, last_month % 12 + 1};
    if (start.index() > run_end.index())
      start_value.fail("starts " + start.label() + ", after the run ends (" + run_end.label() +
                       "); move the start inside the calendar or lengthen the calendar");
    start_value.fail("starts " + start.label() + ", after the last step begins (" +
                     calendar.label(calendar.steps - 1) + "), so it would never act; steps are " +
                     std::to_string(calendar.months_per_step) + " months long");
  }
  if (auto end_value = map.find("end")) {
    const YearMonth end = read_month(*end_value);
    if (end.index() <= start.index()) {
      end_value->fail("end " + end.label() + " must be after start " + start.label() +
                      " (end is exclusive: the instrument stops at the start of that month)");
    }
    span.end = std::max(span.start, calendar.step_at_or_after(end.year, end.month));
  }
  return span;
}

std::int32_t read_start_month(MapReader& map) {
  Value start_value = map.required("start");
  return read_month(start_value).index();
}

}  // namespace chokepoint::scenario_detail
