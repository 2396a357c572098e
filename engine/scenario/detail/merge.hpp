#pragma once

// The merge rules of `extends:` (docs/SCENARIO_FORMAT.md, "Extending a scenario"), applied to
// YAML trees before the strict reading: maps merge key by key, the child's value winning;
// any other value, lists included, is replaced by the child's; but the lists directly under
// `policies` append the child's entries to the base's, an entry with a base entry's `name`
// replacing it in place and `{name: x, remove: true}` deleting it.

#include <yaml-cpp/yaml.h>

#include <string>

#include "scenario/detail/origins.hpp"

namespace chokepoint::scenario_detail {

// A tree and the file its root came from (nodes below may be recorded in `origins` as coming
// from elsewhere, when the tree is itself a merge).
struct SourceTree {
  YAML::Node root;
  const std::string* file = nullptr;
};

// The merged tree, sharing nodes with both inputs. Records in `origins` where each grafted
// part came from, so that errors found later point into the right file. Throws ScenarioError
// for a map with a repeated key, or a removal that names no base entry.
YAML::Node merge_trees(const SourceTree& base, const SourceTree& child, Origins& origins);

}  // namespace chokepoint::scenario_detail
