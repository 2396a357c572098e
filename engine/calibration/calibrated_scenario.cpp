// The calibrated scenario as an `extends:` file. The merge rules decide the shape: maps merge
// key by key, so a value under maps is written alone; a policy entry replaces the base entry of
// the same name whole, so it is written whole; any other list is replaced whole, so it is
// written whole. The whole parts are taken from the scenario's own tree (its extends chain
// merged) with every calibrated value set, so nothing else changes.

#include "chokepoint/calibration/calibration.hpp"

#include <filesystem>
#include <set>

#include "calibration/detail/key_path.hpp"
#include "scenario/detail/documents.hpp"
#include "scenario/detail/extends.hpp"
#include "scenario/detail/origins.hpp"
#include "scenario/detail/overrides.hpp"

namespace chokepoint {

namespace {

namespace fs = std::filesystem;
using calibration_detail::KeyStep;

// The child map under `parent` for `key`, created when missing.
YAML::Node child_map(YAML::Node parent, const std::string& key) {
  for (auto pair : parent)
    if (pair.first.Scalar() == key) return pair.second;
  parent[key] = YAML::Node(YAML::NodeType::Map);
  return parent[key];
}

YAML::Node child_list(YAML::Node parent, const std::string& key) {
  for (auto pair : parent)
    if (pair.first.Scalar() == key) return pair.second;
  parent[key] = YAML::Node(YAML::NodeType::Sequence);
  return parent[key];
}

std::string path_text(const std::vector<KeyStep>& steps, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i)
    text +=
        steps[i].is_entry ? "[" + steps[i].text + "]" : (text.empty() ? "" : ".") + steps[i].text;
  return text;
}

}  // namespace

std::string calibrated_scenario_text(const std::string& scenario_path, const std::string& out_path,
                                     const std::vector<FreeParameter>& free,
                                     const std::vector<double>& values, const std::string& header) {
  scenario_detail::Origins origins;
  scenario_detail::ResolvedTree tree = scenario_detail::resolve_extends(
      scenario_detail::read_source_file(scenario_path), scenario_path,
      fs::path(scenario_path).parent_path(), "relative to this file's folder", origins);
  for (const std::string& override : overrides_for(free, values))
    scenario_detail::apply_override(tree.root, override, origins);

  YAML::Node out(YAML::NodeType::Map);
  std::set<std::string> written;  // lists and policy entries already copied whole
  for (const FreeParameter& p : free) {
    const std::vector<KeyStep> steps = calibration_detail::split_key_path(p.key);
    std::size_t list_at = 0;
    while (list_at < steps.size() && !steps[list_at].is_entry)
      ++list_at;
    if (list_at == steps.size()) {  // maps all the way: the value alone
      YAML::Node at = out;
      for (std::size_t i = 0; i + 1 < steps.size(); ++i)
        at.reset(child_map(at, steps[i].text));
      at[steps.back().text] = *calibration_detail::follow_key_path(tree.root, steps);
      continue;
    }
    const bool policy_entry = list_at == 2 && steps[0].text == "policies";
    const std::size_t whole = policy_entry ? list_at + 1 : list_at;  // steps of what is copied
    const std::string key = path_text(steps, whole);
    if (!written.insert(key).second) continue;
    const std::vector<KeyStep> prefix(steps.begin(), steps.begin() + static_cast<long>(whole));
    const auto copied = calibration_detail::follow_key_path(tree.root, prefix);
    if (!copied) throw Error("calibrated scenario: " + key + " not found in " + scenario_path);
    YAML::Node at = out;
    for (std::size_t i = 0; i + 1 < list_at; ++i)
      at.reset(child_map(at, steps[i].text));
    const std::string& list_key = steps[list_at - 1].text;
    if (!policy_entry) {
      at[list_key] = YAML::Clone(*copied);
      continue;
    }
    if (!copied->IsMap() || !(*copied)["name"])
      throw Error("calibrated scenario: the policy entry " + key + " has no name to merge by");
    child_list(at, list_key).push_back(YAML::Clone(*copied));
  }

  const fs::path out_folder = fs::absolute(fs::path(out_path)).parent_path();
  const fs::path base = fs::relative(fs::absolute(scenario_path), out_folder);
  YAML::Emitter emitter;
  emitter << YAML::BeginMap << YAML::Key << "extends" << YAML::Value << base.generic_string();
  for (const auto& pair : out)
    emitter << YAML::Key << pair.first << YAML::Value << pair.second;
  emitter << YAML::EndMap;
  if (!emitter.good())
    throw Error("cannot write the calibrated scenario: " + emitter.GetLastError());
  return header + emitter.c_str() + "\n";
}

}  // namespace chokepoint
