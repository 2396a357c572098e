#pragma once

// Reading a scenario: YAML text in, a validated ScenarioDescription out. The format is
// documented in docs/SCENARIO_FORMAT.md.
//
// Every problem with the input, from an unreadable file to an out-of-range value, is thrown
// as a ScenarioError whose what() is one line: "FILE:LINE:COL: key.path: message", naming
// what was expected and what was found, with the nearest valid name for a misspelt one.
// No other exception escapes these functions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/scenario/description.hpp"

namespace chokepoint {

// Reads and validates a scenario file; source_path is set to `path`. An unreadable file is
// reported with the path as location and line 0. A scenario that `extends:` another is merged
// over it first (paths relative to the file's folder); errors name the file, base or not,
// where the offending text was written.
ScenarioDescription load_scenario_file(const std::string& path);

// The same, with overrides applied after `extends` and before validation, in order: each is
// "path.to.key=value" as given to --set (docs/SCENARIO_FORMAT.md, "Overrides"). A problem
// with an override's path is a ScenarioError whose location is "--set <override>", line 0;
// so is a value the checks refuse. resolved_yaml shows the values set.
//
// The memory a run would need (chokepoint/world/memory_estimate.hpp) is checked against
// `max_memory` (bytes, the command line's --max-memory) if given, else the scenario's
// limits.memory, else the machine's physical memory; a scenario over it is a ScenarioError at
// the count of its largest population. `max_memory` is not recorded in resolved_yaml.
ScenarioDescription load_scenario_file(const std::string& path,
                                       const std::vector<std::string>& overrides,
                                       std::optional<std::uint64_t> max_memory = std::nullopt);

// Validates scenario text; errors name `source_name` as the file. source_path stays empty.
// An `extends:` path is relative to the current directory, since text has no folder.
ScenarioDescription load_scenario_text(const std::string& yaml_text, const std::string& source_name,
                                       std::optional<std::uint64_t> max_memory = std::nullopt);

// Replaces the seed (e.g. from the command line) and rewrites resolved_yaml to match, so the
// recorded scenario shows the seed actually used.
void override_seed(ScenarioDescription& scenario, std::uint64_t seed);

}  // namespace chokepoint
