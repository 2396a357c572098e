#include "scenario/detail/sections.hpp"

#include "scenario/detail/dates.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {
// Long enough for any study we foresee, short enough that a typo (1000000) is caught.
constexpr std::int64_t kMaxSteps = 100000;
}  // namespace

Calendar load_calendar(MapReader& map) {
  Calendar calendar;
  Value start = map.required("start");
  const YearMonth month = read_month(start);
  calendar.start_year = month.year;
  calendar.start_month = month.month;
  calendar.steps = static_cast<std::int32_t>(map.required_integer("steps", {1, kMaxSteps}));
  calendar.months_per_step = 1;
  if (auto step = map.find("step")) {
    const std::string unit = step->string();
    if (unit == "quarter") {
      calendar.months_per_step = 3;
    } else if (unit != "month") {
      step->fail("expected month or quarter, found \"" + unit + "\"" +
                 suggestion_suffix(unit, {"month", "quarter"}, "valid steps are"));
    }
  } else {
    map.write("step", "month");
  }
  map.finish();
  return calendar;
}

}  // namespace chokepoint::scenario_detail
