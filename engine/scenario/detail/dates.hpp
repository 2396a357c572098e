#pragma once

// Calendar months in a scenario ("YYYY-MM") and the spans of steps they delimit.

#include <cstdint>
#include <string>

#include "chokepoint/scenario/calendar.hpp"
#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/node_reader.hpp"

namespace chokepoint::scenario_detail {

struct YearMonth {
  std::int32_t year = 0;
  std::int32_t month = 1;
  std::int32_t index() const { return year * 12 + month - 1; }  // months since year 0
  YearMonth next() const {
    return month == 12 ? YearMonth{year + 1, 1} : YearMonth{year, month + 1};
  }
  std::string label() const;  // "YYYY-MM"
};

YearMonth read_month(Value& value);

// `start` (required) and `end` (optional, exclusive: the instrument stops at the start of that
// month) of a policy, as steps. A start before the calendar's first step counts from step 0;
// a start at or after the end of the calendar is an error (the policy would never act); an
// end after the calendar is clamped to it. `start_month`, when given, receives the start's
// months since year 0 (before any clamping: a phase-in counts from the month the law says).
ActiveSpan read_span(MapReader& map, const Calendar& calendar, std::int32_t* start_month = nullptr);

// The policy's `start` month as months since year 0 (read after read_span, which checks it),
// for instruments whose effect ages from their start even when it is before the run.
std::int32_t read_start_month(MapReader& map);

}  // namespace chokepoint::scenario_detail
