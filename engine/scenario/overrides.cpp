#include "scenario/detail/overrides.hpp"

#include <optional>
#include <vector>

#include "chokepoint/error.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

// One step of a path: a map key ("sectors"), or a list entry by index ("[2]") or by the
// entry's name or code ("[controls_2022_03]").
struct Step {
  std::string text;
  bool is_entry = false;
};

class Override {
 public:
  explicit Override(const std::string& text) : label_("--set " + text) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw ScenarioError({label_, 0, 0}, "", message);
  }
  const std::string& label() const { return label_; }

  std::vector<Step> parse_path(const std::string& path) const {
    std::vector<Step> steps;
    std::size_t pos = 0;
    while (pos <= path.size()) {
      const std::size_t end = path.find_first_of(".[", pos);
      const std::string key = path.substr(pos, end == std::string::npos ? end : end - pos);
      if (key.empty())
        fail("empty key in the path \"" + path + "\"; keys are separated by one dot");
      steps.push_back({key, false});
      pos = end == std::string::npos ? path.size() : end;
      while (pos < path.size() && path[pos] == '[') {
        const std::size_t close = path.find(']', pos);
        if (close == std::string::npos) fail("missing ] in the path \"" + path + "\"");
        const std::string entry = path.substr(pos + 1, close - pos - 1);
        if (entry.empty()) fail("empty [] in the path; give an index, a name or a code");
        steps.push_back({entry, true});
        pos = close + 1;
      }
      if (pos == path.size()) break;
      if (path[pos] != '.') fail("expected . or [ after ] in the path \"" + path + "\"");
      ++pos;
    }
    return steps;
  }

 private:
  std::string label_;
};

std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "a single value";
}

std::optional<std::size_t> as_index(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

// The `name` (policies) or `code` (states, sectors) that identifies a list entry.
std::optional<std::string> entry_label(const YAML::Node& entry) {
  if (!entry.IsMap()) return std::nullopt;
  for (const auto& pair : entry) {
    if (!pair.first.IsScalar() || !pair.second.IsScalar()) continue;
    if (pair.first.Scalar() == "name" || pair.first.Scalar() == "code") return pair.second.Scalar();
  }
  return std::nullopt;
}

// The slot a step leads to; a missing key is added only as the path's last step, since only
// a value can be created: a misspelt section name should not become a new empty section.
YAML::Node step_into(const Override& override, YAML::Node& current, const Step& step,
                     const std::string& where, bool last) {
  const std::string place = where.empty() ? "the scenario" : where;
  if (step.is_entry) {
    if (!current.IsSequence())
      override.fail(place + " is " + kind_of(current) + ", not a list; [" + step.text +
                    "] selects a list entry");
    std::vector<std::string> labels;
    std::size_t i = 0;
    const std::optional<std::size_t> index = as_index(step.text);
    for (YAML::Node entry : current) {
      if (index ? i == *index : entry_label(entry) == step.text) return entry;
      if (auto label = entry_label(entry)) labels.push_back(*label);
      ++i;
    }
    if (index) {
      const std::size_t size = current.size();
      if (size == 0) override.fail(place + " has no entries");
      if (size == 1) override.fail(place + " has 1 entry, numbered 0");
      override.fail(place + " has " + std::to_string(size) + " entries, numbered 0 to " +
                    std::to_string(size - 1));
    }
    override.fail(place + " has no entry named \"" + step.text + "\"" +
                  suggestion_suffix(step.text, labels, "its entries are"));
  }
  if (!current.IsMap())
    override.fail(place + " is " + kind_of(current) + ", not a map; it has no key \"" + step.text +
                  "\"");
  std::vector<std::string> keys;
  for (const auto& pair : current) {
    if (!pair.first.IsScalar()) continue;
    if (pair.first.Scalar() == step.text) return pair.second;
    keys.push_back(pair.first.Scalar());
  }
  if (last) return current[step.text];
  override.fail("no key \"" + step.text + "\" in " + place +
                suggestion_suffix(step.text, keys, "its keys are"));
}

}  // namespace

void apply_override(YAML::Node& root, const std::string& text, Origins& origins) {
  const Override override(text);
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos)
    override.fail("expected PATH=VALUE, e.g. --set sectors[0].base_price=6");
  const std::vector<Step> steps = override.parse_path(text.substr(0, equals));
  YAML::Node value;
  try {
    value = YAML::Load(text.substr(equals + 1));
  } catch (const YAML::Exception& error) {
    override.fail("cannot read the value as YAML: " + error.msg);
  }
  if (!root.IsMap()) override.fail("the scenario is not a map of keys and values");
  YAML::Node current = root;
  std::string where;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    YAML::Node next = step_into(override, current, steps[i], where, i + 1 == steps.size());
    where +=
        steps[i].is_entry ? "[" + steps[i].text + "]" : (where.empty() ? "" : ".") + steps[i].text;
    current.reset(next);  // moves the handle; `=` would overwrite the node it holds
  }
  // Assigning to the slot makes the node inside the tree share the new value.
  current = value;
  origins.set(value, origins.add_source(override.label(), /*is_override=*/true));
}

}  // namespace chokepoint::scenario_detail
