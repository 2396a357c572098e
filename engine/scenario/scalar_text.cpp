#include "scenario/detail/scalar_text.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace chokepoint::scenario_detail {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

bool is_non_finite_spelling(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  const std::string word = lower(text);
  return word == "nan" || word == "inf" || word == "infinity";
}

// Advances past digits; returns how many.
std::size_t skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t first = i;
  while (i < text.size() && is_digit(text[i]))
    ++i;
  return i - first;
}

// Checks the strict decimal grammar; from_chars alone would accept "inf", "nan" and hex floats.
bool is_decimal(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = skip_digits(text, i);
  if (i < text.size() && text[i] == '.') {
    ++i;
    digits += skip_digits(text, i);
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (skip_digits(text, i) == 0) return false;
  }
  return i == text.size();
}

}  // namespace

ParsedNumber parse_number(std::string_view text) {
  ParsedNumber result;
  if (is_non_finite_spelling(text)) {
    result.status = ParsedNumber::Status::NotFinite;
    return result;
  }
  if (!is_decimal(text)) return result;
  if (text.front() == '+') text.remove_prefix(1);  // from_chars does not take a leading '+'
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result.value);
  if (error == std::errc::result_out_of_range) {
    result.status = ParsedNumber::Status::OutOfRange;
  } else if (error != std::errc() || end != text.data() + text.size() ||
             !std::isfinite(result.value)) {
    result.status = ParsedNumber::Status::NotANumber;
  } else {
    result.status = ParsedNumber::Status::Ok;
  }
  return result;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::string format_number(double value) {
  std::array<char, 64> buffer{};
  const double magnitude = std::fabs(value);
  const bool everyday = value == 0.0 || (magnitude >= 1e-4 && magnitude < 1e15);
  const auto [end, error] =
      everyday ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                               std::chars_format::fixed)
               : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (error != std::errc()) return "?";
  return std::string(buffer.data(), end);
}

std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 60;
  std::string result = "\"";
  std::size_t shown = 0;
  for (const char c : text) {
    if (shown++ == kMaxShown) {
      result += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      result += '\\';
      result += c;
    } else if (c == '\n') {
      result += "\\n";
    } else if (c == '\t') {
      result += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      std::array<char, 8> escape{};
      std::snprintf(escape.data(), escape.size(), "\\x%02x", static_cast<unsigned>(byte));
      result += escape.data();
    } else {
      result += c;
    }
  }
  return result + "\"";
}

}  // namespace chokepoint::scenario_detail
