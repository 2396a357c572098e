#include "chokepoint/world/memory_estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

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
  MemoryLimit limit;
  if (max_memory)
    limit = {*max_memory, "--max-memory"};
  else if (scenario.limits.memory > 0)
    limit = {scenario.limits.memory, "limits.memory"};
  for (const MemoryLimit& system : system_memory_limits())
    if (limit.bytes == 0 || system.bytes < limit.bytes) limit = system;
  return limit;
}

namespace {

// The process's current virtual size and data (heap and other private writable mappings),
// from /proc/self/statm; zero where the system does not say.
struct ProcessSize {
  std::uint64_t address_space = 0;
  std::uint64_t data = 0;
};

ProcessSize process_size() {
  ProcessSize size;
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages = 0, resident = 0, shared = 0, text = 0, library = 0, data = 0;
  if (!(statm >> pages >> resident >> shared >> text >> library >> data)) return size;
  const long page = sysconf(_SC_PAGE_SIZE);
  if (page <= 0) return size;
  size.address_space = pages * static_cast<std::uint64_t>(page);
  size.data = data * static_cast<std::uint64_t>(page);
  return size;
}

// What is left under a resource limit, or nothing when the limit is not set.
std::optional<std::uint64_t> left_under(int resource, std::uint64_t in_use) {
  rlimit limit{};
  if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
  const auto cap = static_cast<std::uint64_t>(limit.rlim_cur);
  return cap > in_use ? cap - in_use : 1;
}

// A cgroup limit file: a byte count, or "max" (v2) or a huge number (v1) for none.
std::optional<std::uint64_t> read_limit_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  char* end = nullptr;
  const unsigned long long bytes = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0') return std::nullopt;
  // cgroup v1 writes "no limit" as the largest page-aligned signed 64-bit value.
  if (bytes >= (std::uint64_t{1} << 62)) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

// The smallest limit file on the path from the cgroup up to the hierarchy's root: a parent's
// limit binds its children too.
std::optional<std::uint64_t> smallest_on_path(const std::filesystem::path& root, std::string cgroup,
                                              const char* file) {
  std::optional<std::uint64_t> smallest;
  for (;;) {
    const std::filesystem::path folder = root / std::filesystem::path(cgroup).relative_path();
    if (const auto bytes = read_limit_file(folder / file))
      if (!smallest || *bytes < *smallest) smallest = bytes;
    if (cgroup.empty() || cgroup == "/") break;
    const std::size_t slash = cgroup.find_last_of('/');
    cgroup = slash == std::string::npos || slash == 0 ? "/" : cgroup.substr(0, slash);
  }
  return smallest;
}

}  // namespace

std::optional<std::uint64_t> cgroup_memory_limit(const std::string& proc_self_cgroup,
                                                 const std::filesystem::path& cgroup_root) {
  std::optional<std::uint64_t> smallest;
  const auto consider = [&](std::optional<std::uint64_t> bytes) {
    if (bytes && (!smallest || *bytes < *smallest)) smallest = bytes;
  };
  std::istringstream lines(proc_self_cgroup);
  for (std::string line; std::getline(lines, line);) {
    // "ID:CONTROLLERS:PATH"; v2 is "0::PATH", v1's memory controller "N:memory:PATH".
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    if (controllers.empty()) {
      consider(smallest_on_path(cgroup_root, path, "memory.max"));
      continue;
    }
    std::istringstream names(controllers);
    for (std::string name; std::getline(names, name, ',');)
      if (name == "memory")
        consider(smallest_on_path(cgroup_root / "memory", path, "memory.limit_in_bytes"));
  }
  return smallest;
}

std::vector<MemoryLimit> system_memory_limits() {
  std::vector<MemoryLimit> limits;
  if (const std::uint64_t physical = physical_memory_bytes(); physical > 0)
    limits.push_back({physical, "this machine's physical memory"});
  const ProcessSize in_use = process_size();
  if (const auto left = left_under(RLIMIT_AS, in_use.address_space))
    limits.push_back({*left, "what is left of the address-space limit, ulimit -v"});
  if (const auto left = left_under(RLIMIT_DATA, in_use.data))
    limits.push_back({*left, "what is left of the data limit, ulimit -d"});
  std::ifstream cgroup_file("/proc/self/cgroup");
  std::stringstream cgroup;
  cgroup << cgroup_file.rdbuf();
  if (const auto bytes = cgroup_memory_limit(cgroup.str(), "/sys/fs/cgroup"))
    limits.push_back({*bytes, "the cgroup's memory limit, e.g. a job's --mem"});
  return limits;
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
