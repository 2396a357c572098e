#pragma once

// Text-level rules for scalars: what counts as a number or a boolean in a scenario, and how
// numbers and found values are written back (into resolved YAML and into error messages).
// We parse numbers ourselves rather than through yaml-cpp's conversions so that hex, octal,
// "yes"/"no", NaN, infinity and overflow are all rejected with a precise reason.

#include <optional>
#include <string>
#include <string_view>

namespace chokepoint::scenario_detail {

struct ParsedNumber {
  enum class Status { Ok, NotANumber, NotFinite, OutOfRange };
  Status status = Status::NotANumber;
  double value = 0.0;
};

// Accepts [+-]digits[.digits][(e|E)[+-]digits] (also ".5" and "5."); reports NaN/infinity
// spellings and values a double cannot hold separately so the message can say which.
ParsedNumber parse_number(std::string_view text);

// true/false in the YAML 1.2 core spellings only (not yes/no/on/off, which YAML 1.1 allowed).
std::optional<bool> parse_bool(std::string_view text);

// The shortest text that reads back as exactly the same double; plain decimals for the
// everyday range so that resolved scenarios stay readable.
std::string format_number(double value);

// A value as shown in an error message: quoted, escaped and shortened if long.
std::string quoted(std::string_view text);

}  // namespace chokepoint::scenario_detail
