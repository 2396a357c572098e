#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

// Discrete model time: a start month, a step length of one month or one quarter, and a number
// of steps. Policies are dated in calendar months and converted to steps here.
struct Calendar {
  std::int32_t start_year = 2021;
  std::int32_t start_month = 1;  // 1..12
  std::int32_t months_per_step = 1;
  std::int32_t steps = 12;

  // Months since year 0 of the first month of a step.
  std::int32_t month_index(std::int32_t step) const {
    return start_year * 12 + (start_month - 1) + step * months_per_step;
  }
  std::int32_t year_of(std::int32_t step) const { return month_index(step) / 12; }
  std::int32_t month_of(std::int32_t step) const { return month_index(step) % 12 + 1; }
  // "YYYY-MM" of the first month of a step.
  std::string label(std::int32_t step) const;
  // Days since 1970-01-01 of the first day of a step (a CF-convention time coordinate).
  std::int64_t days_since_epoch(std::int32_t step) const;
  // The first step whose months include or follow the given month; may be <0 or >= steps.
  std::int32_t step_at_or_after(std::int32_t year, std::int32_t month) const;

  bool operator==(const Calendar&) const = default;
};

// Parses "YYYY-MM"; returns nothing when the text is not a valid month.
std::optional<std::pair<std::int32_t, std::int32_t>> parse_year_month(std::string_view text);

}  // namespace chokepoint
