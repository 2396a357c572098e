#include "chokepoint/scenario/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace chokepoint {

std::string Calendar::label(std::int32_t step) const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year_of(step), month_of(step));
  return buffer;
}

namespace {
// Days from 1970-01-01 to a civil date (Howard Hinnant's days_from_civil algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

std::int64_t Calendar::days_since_epoch(std::int32_t step) const {
  return days_from_civil(year_of(step), static_cast<unsigned>(month_of(step)), 1);
}

std::int32_t Calendar::step_at_or_after(std::int32_t year, std::int32_t month) const {
  const std::int32_t months = year * 12 + (month - 1) - month_index(0);
  // Round up so that a policy dated inside a quarter starts at the next quarter boundary.
  if (months >= 0) return (months + months_per_step - 1) / months_per_step;
  return -((-months) / months_per_step);
}

std::optional<std::pair<std::int32_t, std::int32_t>> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  std::int32_t year = 0, month = 0;
  auto [p1, e1] = std::from_chars(text.data(), text.data() + 4, year);
  auto [p2, e2] = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (e1 != std::errc() || e2 != std::errc() || p1 != text.data() + 4 || p2 != text.data() + 7)
    return std::nullopt;
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return std::nullopt;
  return std::make_pair(year, month);
}

}  // namespace chokepoint
