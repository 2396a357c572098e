#pragma once

// One scenario source, from bytes to its YAML tree: reading the file and parsing its single
// document, with the errors every source (the scenario, a base it extends) reports alike.

#include <yaml-cpp/yaml.h>

#include <string>

#include "chokepoint/error.hpp"

namespace chokepoint::scenario_detail {

// yaml-cpp's 0-based mark as a 1-based location in `file`.
SourceLocation location_of(const std::string& file, const YAML::Mark& mark);

// The file's bytes; an unreadable file is a ScenarioError at `path` with line 0.
std::string read_source_file(const std::string& path);

// The root of the text's one YAML document, after the checks on the raw text; errors name
// `file`. An empty document or a second one is an error.
YAML::Node parse_document(const std::string& text, const std::string& file);

}  // namespace chokepoint::scenario_detail
