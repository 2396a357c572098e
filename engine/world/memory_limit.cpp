#include "chokepoint/world/memory_estimate.hpp"

#include <unistd.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

// The limit a memory estimate is checked against, and sizes as people write them ("8 GiB").

namespace chokepoint {

namespace {

std::string with_unit(double value, const char* unit) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f %s", value, unit);
  return buffer;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

struct Unit {
  const char* name;
  int shift;  // bytes = number << shift
};
constexpr std::array<Unit, 5> kUnits = {
    {{"B", 0}, {"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"TiB", 40}}};

// The binary unit a misspelt or decimal one most likely meant: "GB", "gib", "G" -> "GiB".
const Unit* likely_unit(std::string_view text) {
  const std::string unit = lower(text);
  for (const Unit& candidate : kUnits) {
    const std::string name = lower(candidate.name);
    if (unit == name ||
        (name.size() == 3 && (unit == name.substr(0, 1) || unit == name.substr(0, 1) + "b")))
      return &candidate;
  }
  return nullptr;
}

}  // namespace

MemoryLimit memory_limit(const ScenarioDescription& scenario,
                         std::optional<std::uint64_t> max_memory) {
  if (max_memory) return {*max_memory, "--max-memory"};
  if (scenario.limits.memory > 0) return {scenario.limits.memory, "limits.memory"};
  return {physical_memory_bytes(), "this machine's physical memory"};
}

std::uint64_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

std::optional<std::uint64_t> parse_memory_size(std::string_view text, std::string& hint) {
  hint.clear();
  text = trimmed(text);
  // The number: digits, optionally a decimal point and more digits.
  std::size_t end = 0;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
    ++end;
  const std::size_t integer_digits = end;
  if (end < text.size() && text[end] == '.') {
    ++end;
    const std::size_t fraction_start = end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
      ++end;
    if (end == fraction_start) return std::nullopt;
  }
  if (integer_digits == 0) return std::nullopt;
  const std::string number(text.substr(0, end));
  const std::string_view unit_text = trimmed(text.substr(end));
  if (unit_text.empty()) {
    hint = " (add its unit, e.g. \"" + number + " MiB\"; \"" + number + " B\" for bytes)";
    return std::nullopt;
  }
  const Unit* unit = nullptr;
  for (const Unit& candidate : kUnits)
    if (unit_text == candidate.name) unit = &candidate;
  if (!unit) {
    if (const Unit* likely = likely_unit(unit_text)) {
      hint = "; did you mean \"" + number + " " + likely->name + "\"?";
      if (likely->shift > 0)  // the unit one step below
        hint += std::string(" (units are binary: 1 ") + likely->name + " = 1024 " +
                kUnits[static_cast<std::size_t>(likely->shift / 10 - 1)].name + ")";
    }
    return std::nullopt;
  }
  const double bytes = std::strtod(number.c_str(), nullptr) * std::ldexp(1.0, unit->shift);
  if (bytes < 1.0) {
    hint = " (the limit must be at least 1 B)";
    return std::nullopt;
  }
  if (bytes >= std::ldexp(1.0, 64)) {
    hint = " (more than 2^64 bytes)";
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(bytes);
}

std::string format_memory_size(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  return with_unit(value, kUnits[unit].name);
}

}  // namespace chokepoint
