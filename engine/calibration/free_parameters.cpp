// The free parameters of a calibration: parsed from the command line and checked against the
// scenario before anything runs, so a typo costs one line and no simulation.

#include "chokepoint/calibration/calibration.hpp"

#include <yaml-cpp/yaml.h>

#include "calibration/detail/key_path.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "scenario/detail/scalar_text.hpp"

namespace chokepoint {

namespace {

using scenario_detail::format_number;
using scenario_detail::parse_number;

double number_in(const std::string& text, const std::string& what, const std::string& whole) {
  const auto parsed = parse_number(text);
  if (parsed.status != scenario_detail::ParsedNumber::Status::Ok)
    throw UsageError(whole + ": " + what + " \"" + text + "\" is not a finite number");
  return parsed.value;
}

// 2 - golden ratio: an interior point no box of round numbers maps to a round number.
constexpr double kInsideFraction = 0.3819660112501051;

std::string free_text(const FreeParameter& p) {
  return "--free " + p.key + "=" + format_number(p.low) + ".." + format_number(p.high);
}

// The scenario loaded with one value for one parameter (the others at their starts), its
// errors moved to the --free that caused them.
void check_loads(const std::string& scenario_path, const std::vector<FreeParameter>& free,
                 std::size_t which, double value) {
  std::vector<double> values;
  for (const FreeParameter& p : free)
    values.push_back(p.start.value_or((p.low + p.high) / 2.0));
  values[which] = value;
  try {
    load_scenario_file(scenario_path, overrides_for(free, values));
  } catch (const ScenarioError& error) {
    // A value the reader refuses is reported like a bad --set; a scenario that is refused
    // elsewhere at this value (an overlap check, say) is reported with where and why.
    if (error.where().file.rfind("--set ", 0) == 0)
      throw ScenarioError({free_text(free[which]), 0, 0}, error.key_path(), error.message());
    throw ScenarioError({free_text(free[which]), 0, 0}, "",
                        "at " + format_number(value) + " the scenario is refused: " + error.what());
  }
}

}  // namespace

FreeParameter parse_free_parameter(const std::string& text) {
  const std::string whole = "--free " + text;
  const auto equals = text.find('=');
  const auto dots = text.find("..", equals == std::string::npos ? 0 : equals);
  if (equals == std::string::npos || equals == 0 || dots == std::string::npos)
    throw UsageError(whole +
                     ": expected KEY=LO..HI, e.g. --free behaviour.channel_noise=0.005..0.05");
  FreeParameter parameter;
  parameter.key = text.substr(0, equals);
  if (calibration_detail::split_key_path(parameter.key).empty())
    throw UsageError(whole + ": \"" + parameter.key + "\" is not a key path (a.b[name].c)");
  parameter.low = number_in(text.substr(equals + 1, dots - equals - 1), "the low bound", whole);
  parameter.high = number_in(text.substr(dots + 2), "the high bound", whole);
  if (!(parameter.low < parameter.high))
    throw UsageError(whole + ": the low bound " + format_number(parameter.low) +
                     " must be below the high bound " + format_number(parameter.high));
  return parameter;
}

void apply_start(std::vector<FreeParameter>& free, const std::string& text) {
  const std::string whole = "--start " + text;
  const auto equals = text.find('=');
  if (equals == std::string::npos) throw UsageError(whole + ": expected KEY=VALUE");
  const std::string key = text.substr(0, equals);
  for (FreeParameter& p : free) {
    if (p.key != key) continue;
    const double value = number_in(text.substr(equals + 1), "the value", whole);
    if (value < p.low || value > p.high)
      throw UsageError(whole + ": " + format_number(value) + " is outside the box [" +
                       format_number(p.low) + ", " + format_number(p.high) + "]");
    p.start = value;
    return;
  }
  throw UsageError(whole + ": " + key + " is not a --free parameter");
}

std::vector<std::string> overrides_for(const std::vector<FreeParameter>& free,
                                       const std::vector<double>& values) {
  std::vector<std::string> overrides;
  for (std::size_t i = 0; i < free.size(); ++i)
    overrides.push_back(free[i].key + "=" + format_number(values.at(i)));
  return overrides;
}

void check_free_parameters(const std::string& scenario_path,
                           const std::vector<FreeParameter>& free) {
  if (free.empty()) throw UsageError("give at least one --free KEY=LO..HI");
  for (std::size_t i = 0; i < free.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (free[i].key == free[j].key)
        throw UsageError(free_text(free[i]) + ": " + free[i].key + " is already free");
  // The key must hold a number in the scenario as resolved (defaults included): a --set of a
  // number on a key that holds text or a list would otherwise be taken or fail obscurely.
  const ScenarioDescription scenario = load_scenario_file(scenario_path);
  const YAML::Node resolved = YAML::Load(scenario.resolved_yaml);
  for (const FreeParameter& p : free) {
    const auto node =
        calibration_detail::follow_key_path(resolved, calibration_detail::split_key_path(p.key));
    if (node) {
      const bool number = node->IsScalar() && parse_number(node->Scalar()).status ==
                                                  scenario_detail::ParsedNumber::Status::Ok;
      if (!number)
        throw ScenarioError({free_text(p), 0, 0}, p.key,
                            "the scenario's value here is not a number, so it cannot be "
                            "calibrated");
    }
  }
  // Unknown keys (a missing node above) and values the scenario refuses are found by loading
  // it at the box's ends and the start, and at a point inside that is no round number: the
  // search varies values continuously, so a key that takes only integers cannot be free.
  for (std::size_t i = 0; i < free.size(); ++i) {
    check_loads(scenario_path, free, i, free[i].low);
    check_loads(scenario_path, free, i, free[i].high);
    check_loads(scenario_path, free, i, free[i].start.value_or((free[i].low + free[i].high) / 2));
    check_loads(scenario_path, free, i,
                free[i].low + kInsideFraction * (free[i].high - free[i].low));
  }
}

}  // namespace chokepoint
