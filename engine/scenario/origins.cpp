#include "scenario/detail/origins.hpp"

#include <algorithm>

namespace chokepoint::scenario_detail {

const std::string* Origins::add_source(const std::string& name, bool is_override) {
  names_.push_back(name);
  const std::string* source = &names_.back();
  if (is_override) overrides_.push_back(source);
  return source;
}

void Origins::set(const YAML::Node& node, const std::string* source) {
  // is() compares node identity, not content: two equal scalars from two files differ.
  for (auto& graft : grafts_) {
    if (graft.first.is(node)) {
      graft.second = source;
      return;
    }
  }
  grafts_.emplace_back(node, source);
}

const std::string* Origins::source_of(const YAML::Node& node, const std::string* inherited) const {
  for (const auto& graft : grafts_)
    if (graft.first.is(node)) return graft.second;
  return inherited;
}

bool Origins::is_override(const std::string* source) const {
  return std::find(overrides_.begin(), overrides_.end(), source) != overrides_.end();
}

}  // namespace chokepoint::scenario_detail
