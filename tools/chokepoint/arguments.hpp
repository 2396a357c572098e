#pragma once

// A small parser for "command [positional...] [--flag value | --switch]..." command lines.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chokepoint::cli {

class Arguments {
 public:
  // `value_flags` take a value ("--out FILE" or "--out=FILE"); `switches` take none;
  // `repeatable` flags take a value and may be given any number of times (--set a=1 --set b=2).
  Arguments(const std::vector<std::string>& words, const std::set<std::string>& value_flags,
            const std::set<std::string>& switches, const std::set<std::string>& repeatable = {});

  const std::vector<std::string>& positional() const { return positional_; }
  bool has(const std::string& flag) const { return values_.count(flag) > 0; }
  std::optional<std::string> value(const std::string& flag) const;
  // Every value of a repeatable flag, in command-line order.
  std::vector<std::string> values(const std::string& flag) const;
  // Integer flag in [low, high]; throws UsageError naming the flag otherwise.
  std::optional<std::int64_t> integer(const std::string& flag, std::int64_t low,
                                      std::int64_t high) const;
  // A size such as "8 GiB" in bytes; throws UsageError naming the flag otherwise.
  std::optional<std::uint64_t> memory_size(const std::string& flag) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> repeated_;
};

std::int64_t parse_integer(const std::string& text, const std::string& what, std::int64_t low,
                           std::int64_t high);

}  // namespace chokepoint::cli
