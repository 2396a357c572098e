#include "arguments.hpp"

#include <charconv>

#include "chokepoint/error.hpp"
#include "chokepoint/world/memory_estimate.hpp"

namespace chokepoint::cli {

Arguments::Arguments(const std::vector<std::string>& words,
                     const std::set<std::string>& value_flags,
                     const std::set<std::string>& switches,
                     const std::set<std::string>& repeatable) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      positional_.push_back(word);
      continue;
    }
    std::string flag = word, value;
    const auto equals = word.find('=');
    const bool inline_value = equals != std::string::npos;
    if (inline_value) {
      flag = word.substr(0, equals);
      value = word.substr(equals + 1);
    }
    if (switches.count(flag)) {
      if (inline_value) throw UsageError(flag + " takes no value");
      values_[flag] = "";
    } else if (value_flags.count(flag) || repeatable.count(flag)) {
      if (!inline_value) {
        if (i + 1 >= words.size()) throw UsageError(flag + " needs a value");
        value = words[++i];
      }
      if (repeatable.count(flag)) repeated_[flag].push_back(value);
      values_[flag] = value;
    } else {
      throw UsageError("unknown option " + flag + " (see --help)");
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& flag) const {
  const auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Arguments::values(const std::string& flag) const {
  const auto it = repeated_.find(flag);
  if (it == repeated_.end()) return {};
  return it->second;
}

std::int64_t parse_integer(const std::string& text, const std::string& what, std::int64_t low,
                           std::int64_t high) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < low || number > high)
    throw UsageError(what + " expects a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got \"" + text + "\"");
  return number;
}

std::optional<std::int64_t> Arguments::integer(const std::string& flag, std::int64_t low,
                                               std::int64_t high) const {
  const auto text = value(flag);
  if (!text) return std::nullopt;
  return parse_integer(*text, flag, low, high);
}

std::optional<std::uint64_t> Arguments::memory_size(const std::string& flag) const {
  const auto text = value(flag);
  if (!text) return std::nullopt;
  std::string hint;
  const auto bytes = parse_memory_size(*text, hint);
  if (!bytes)
    throw UsageError(flag + " expects " + kMemorySizeExpected + ", got \"" + *text + "\"" + hint);
  return bytes;
}

}  // namespace chokepoint::cli
