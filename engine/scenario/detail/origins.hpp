#pragma once

// Which file each part of a scenario came from. yaml-cpp's marks carry a line and column but
// no file, and a scenario built with `extends:` or `--set` mixes nodes from several sources.
// Rather than tag every node, the merge records only the roots of the subtrees it grafts into
// another tree; every other node belongs to the same source as its parent. The graft count is
// the number of merged keys and policy entries, so the linear lookup stays cheap.

#include <yaml-cpp/yaml.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace chokepoint::scenario_detail {

class Origins {
 public:
  // A source's name, as errors show it; the pointer stays valid as long as the Origins.
  // An override (--set) has no lines, so errors located in it show its name alone.
  const std::string* add_source(const std::string& name, bool is_override = false);

  // Records that `node` (and what lies below it, unless recorded otherwise) came from `source`.
  void set(const YAML::Node& node, const std::string* source);
  // The source recorded for `node`, or `inherited` (its parent's) when none was.
  const std::string* source_of(const YAML::Node& node, const std::string* inherited) const;
  bool is_override(const std::string* source) const;

 private:
  std::deque<std::string> names_;  // a deque, so the pointers handed out stay valid
  std::vector<const std::string*> overrides_;
  std::vector<std::pair<YAML::Node, const std::string*>> grafts_;
};

}  // namespace chokepoint::scenario_detail
