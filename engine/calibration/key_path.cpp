#include "calibration/detail/key_path.hpp"

namespace chokepoint::calibration_detail {

namespace {

std::optional<std::string> entry_label(const YAML::Node& entry) {
  if (!entry.IsMap()) return std::nullopt;
  for (const auto& pair : entry)
    if (pair.first.IsScalar() && pair.second.IsScalar() &&
        (pair.first.Scalar() == "name" || pair.first.Scalar() == "code"))
      return pair.second.Scalar();
  return std::nullopt;
}

bool is_index(const std::string& text) {
  return !text.empty() && text.size() < 10 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::vector<KeyStep> split_key_path(const std::string& path) {
  std::vector<KeyStep> steps;
  std::size_t pos = 0;
  while (pos < path.size()) {
    const std::size_t end = path.find_first_of(".[", pos);
    const std::string key = path.substr(pos, end == std::string::npos ? end : end - pos);
    if (key.empty()) return {};
    steps.push_back({key, false});
    pos = end == std::string::npos ? path.size() : end;
    while (pos < path.size() && path[pos] == '[') {
      const std::size_t close = path.find(']', pos);
      if (close == std::string::npos || close == pos + 1) return {};
      steps.push_back({path.substr(pos + 1, close - pos - 1), true});
      pos = close + 1;
    }
    if (pos == path.size()) break;
    if (path[pos] != '.') return {};
    ++pos;
    if (pos == path.size()) return {};
  }
  return steps;
}

std::optional<YAML::Node> follow_key_path(const YAML::Node& root,
                                          const std::vector<KeyStep>& steps) {
  YAML::Node current = root;
  for (const KeyStep& step : steps) {
    std::optional<YAML::Node> next;
    if (step.is_entry) {
      if (!current.IsSequence()) return std::nullopt;
      std::size_t i = 0;
      for (const YAML::Node& entry : current) {
        // emplace, then stop: assigning to a held YAML::Node would overwrite the node itself.
        if (is_index(step.text) ? std::to_string(i) == step.text
                                : entry_label(entry) == step.text) {
          next.emplace(entry);
          break;
        }
        ++i;
      }
    } else {
      if (!current.IsMap()) return std::nullopt;
      for (const auto& pair : current)
        if (pair.first.IsScalar() && pair.first.Scalar() == step.text) {
          next.emplace(pair.second);
          break;
        }
    }
    if (!next) return std::nullopt;
    current.reset(*next);
  }
  return current;
}

}  // namespace chokepoint::calibration_detail
