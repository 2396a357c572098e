#pragma once

// `--set path.to.key=value`: one value of a scenario replaced from the command line, after
// `extends` is resolved and before the strict reading, which checks the new value like any
// other. Path syntax and rules: docs/SCENARIO_FORMAT.md, "Overrides".

#include <yaml-cpp/yaml.h>

#include <string>

#include "scenario/detail/origins.hpp"

namespace chokepoint::scenario_detail {

// Applies `text` ("PATH=VALUE") to the scenario's root map. The new value is recorded in
// `origins` as coming from "--set <text>", so errors in it name the override. A path that
// does not lead to a value is a ScenarioError at "--set <text>".
void apply_override(YAML::Node& root, const std::string& text, Origins& origins);

}  // namespace chokepoint::scenario_detail
