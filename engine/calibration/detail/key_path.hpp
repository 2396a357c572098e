#pragma once

// The --set path syntax ("policies.secondary_sanctions[us_order].intensity", "sectors[0].x")
// split into steps, and followed through a YAML tree, for the calibration's checks and for
// writing its `extends:` file. The scenario loader's own override code is what validates a
// path; this only walks paths that loaded.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace chokepoint::calibration_detail {

struct KeyStep {
  std::string text;
  bool is_entry = false;  // [index] or [name]
};

// Empty when the path is malformed.
std::vector<KeyStep> split_key_path(const std::string& path);

// The node a path leads to, or nothing. List entries match by index, `name` or `code`.
std::optional<YAML::Node> follow_key_path(const YAML::Node& root,
                                          const std::vector<KeyStep>& steps);

}  // namespace chokepoint::calibration_detail
