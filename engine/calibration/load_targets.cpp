// Reading a targets file: the same strict reader as scenarios (unknown keys, duplicates and
// bad values are errors with file:line:column and key path), then the quantity expressions
// and periods, which are small languages of their own inside strings.

#include "chokepoint/calibration/targets.hpp"

#include <algorithm>
#include <map>
#include <new>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "calibration/detail/quantity_text.hpp"
#include "chokepoint/scenario/calendar.hpp"
#include "scenario/detail/documents.hpp"
#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/range.hpp"

namespace chokepoint {

namespace {

using scenario_detail::MapReader;
using scenario_detail::NumberRange;
using scenario_detail::Value;

bool is_target_name(const std::string& name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

MonthSpan read_period(Value value) {
  const std::string text = value.string();
  const std::size_t dots = text.find("..");
  const auto expected = [&] {
    value.fail_expected("a period YYYY-MM..YYYY-MM (both months included)");
  };
  if (dots == std::string::npos) expected();
  const auto first = parse_year_month(text.substr(0, dots));
  const auto last = parse_year_month(text.substr(dots + 2));
  if (!first || !last) expected();
  MonthSpan span{first->first * 12 + first->second - 1, last->first * 12 + last->second - 1, text};
  if (span.last < span.first) value.fail("the period " + text + " ends before it starts");
  return span;
}

// Exactly one of value, at_most, at_least, range.
void read_goal(MapReader& entry, Target& target) {
  static const std::vector<std::string> kGoals = {"value", "at_most", "at_least", "range"};
  // find() on every key the goal may use, so a misspelt one gets a "did you mean".
  std::vector<std::pair<std::string, Value>> given;
  for (const std::string& key : kGoals)
    if (auto value = entry.find(key)) given.emplace_back(key, *value);
  std::optional<Value> tolerance = entry.find("tolerance");
  if (given.empty())
    entry.fail("expected one of value (with tolerance), at_most, at_least or range");
  if (given.size() > 1)
    given[1].second.fail(given[0].first + " and " + given[1].first +
                         " exclude each other; a target has one of value, at_most, at_least, "
                         "range");
  auto& [goal, value] = given.front();
  const NumberRange any = NumberRange::any();
  if (goal == "value") {
    target.kind = TargetKind::Value;
    target.value = value.number(any);
    if (!tolerance) entry.fail("value needs a tolerance (the distance that counts as 1)");
  } else if (goal == "at_most") {
    target.kind = TargetKind::AtMost;
    target.high = value.number(any);
  } else if (goal == "at_least") {
    target.kind = TargetKind::AtLeast;
    target.low = value.number(any);
  } else {
    target.kind = TargetKind::Range;
    std::vector<Value> bounds = value.list(/*allow_empty=*/false, /*flow=*/true);
    if (bounds.size() != 2) value.fail_expected("a list of two numbers [low, high]");
    target.low = bounds[0].number(any);
    target.high = bounds[1].number(any);
    if (!(target.low < target.high))
      value.fail("the range's low bound must be below its high bound");
  }
  if (tolerance) target.tolerance = tolerance->number(NumberRange::above(0.0));
}

// The column of the quantity's first character, when the text stands on the value's line as
// it reads (plain, or quoted without escapes before its end); 0 otherwise.
int text_column(const std::string& file_text, const SourceLocation& at, const std::string& text) {
  if (at.line <= 0 || at.column <= 0) return 0;
  std::size_t start = 0;
  for (int line = 1; line < at.line; ++line) {
    start = file_text.find('\n', start);
    if (start == std::string::npos) return 0;
    ++start;
  }
  const std::string line = file_text.substr(start, file_text.find('\n', start) - start);
  auto first = static_cast<std::size_t>(at.column - 1);
  if (first < line.size() && (line[first] == '"' || line[first] == '\'')) ++first;
  if (line.compare(first, text.size(), text) != 0) return 0;
  return static_cast<int>(first) + 1;
}

Target read_target(Value value, std::size_t index, const std::string& file_text) {
  MapReader entry = value.map();
  Target target;
  target.key_path = "targets[" + std::to_string(index) + "]";
  Value name = entry.required("name");
  target.name = name.string();
  target.name_at = name.location();
  if (!is_target_name(target.name))
    name.fail_expected("a name of lower-case letters, digits and _ starting with a letter");
  Value quantity = entry.required("quantity");
  target.quantity_at = quantity.location();
  const std::string quantity_text = quantity.string();
  target.quantity_text_column = text_column(file_text, target.quantity_at, quantity_text);
  try {
    target.quantity = calibration_detail::parse_quantity(quantity_text);
  } catch (const calibration_detail::QuantitySyntaxError& error) {
    throw ScenarioError(target.quantity_location(error.offset()), quantity.path(), error.what());
  }
  Value period = entry.required("period");
  target.period_at = period.location();
  target.period = read_period(period);
  if (auto relative = entry.find("relative_to")) {
    target.relative_to_at = relative->location();
    target.relative_to = read_period(*relative);
  }
  read_goal(entry, target);
  target.weight = entry.optional_number("weight", 1.0, NumberRange::at_least(0.0));
  target.source = entry.required_string("source");
  entry.finish();
  return target;
}

TargetsFile read_targets(const std::string& text, const std::string& file) {
  const YAML::Node root = scenario_detail::parse_document(text, file);
  MapReader top = Value(root, "", root.Mark(), &file, YAML::Node()).map();
  Value list_value = top.required("targets");
  const std::vector<Value> entries = list_value.list(/*allow_empty=*/false);
  TargetsFile targets;
  targets.path = file;
  targets.text = text;
  std::map<std::string, int> first_line;
  double weights = 0.0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Target target = read_target(entries[i], i, text);
    if (const auto seen = first_line.find(target.name); seen != first_line.end()) {
      throw ScenarioError(target.name_at, target.key_path + ".name",
                          "duplicate target name \"" + target.name + "\" (first used on line " +
                              std::to_string(seen->second) + ")");
    }
    first_line.emplace(target.name, target.name_at.line);
    weights += target.weight;
    targets.targets.push_back(std::move(target));
  }
  if (weights <= 0.0) list_value.fail("every weight is 0; at least one target must count");
  top.finish();
  return targets;
}

template <typename Read>
TargetsFile guarded(const std::string& file, Read read) {
  try {
    return read();
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& error) {
    throw ScenarioError(scenario_detail::location_of(file, error.mark), "",
                        "cannot read the targets: " + error.msg);
  } catch (const std::bad_alloc&) {
    throw ScenarioError({file, 0, 0}, "",
                        "cannot read the targets: out of memory while reading them");
  } catch (const std::exception& error) {
    throw ScenarioError({file, 0, 0}, "", std::string("cannot read the targets: ") + error.what());
  }
}

}  // namespace

SourceLocation Target::quantity_location(std::size_t offset) const {
  SourceLocation where = quantity_at;
  if (quantity_text_column > 0) where.column = quantity_text_column + static_cast<int>(offset);
  return where;
}

TargetsFile load_targets(const std::string& path) {
  return guarded(path, [&] {
    std::string text;
    try {
      text = scenario_detail::read_source_file(path);
    } catch (const ScenarioError& error) {
      // The reader speaks of scenario files; this one is a targets file.
      std::string message = error.message();
      const std::string_view scenario = "scenario file";
      if (const auto at = message.find(scenario); at != std::string::npos)
        message.replace(at, scenario.size(), "targets file");
      throw ScenarioError(error.where(), error.key_path(), message);
    }
    return read_targets(text, path);
  });
}

TargetsFile load_targets_text(const std::string& text, const std::string& source_name) {
  return guarded(source_name, [&] { return read_targets(text, source_name); });
}

}  // namespace chokepoint
