#include "chokepoint/scenario/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <new>
#include <vector>

#include "chokepoint/error.hpp"
#include "scenario/detail/check_memory.hpp"
#include "scenario/detail/documents.hpp"
#include "scenario/detail/extends.hpp"
#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/origins.hpp"
#include "scenario/detail/overrides.hpp"
#include "scenario/detail/sections.hpp"

namespace chokepoint {

namespace {

using scenario_detail::location_of;
using scenario_detail::Value;

std::string emit(const YAML::Node& tree) {
  YAML::Emitter emitter;
  emitter << tree;
  if (!emitter.good()) throw Error("cannot write the resolved scenario: " + emitter.GetLastError());
  return std::string(emitter.c_str()) + "\n";
}

// Text to description: the extends chain merged, the overrides applied, then the one strict
// reading, which sees a single tree and knows for each node the file it was written in.
ScenarioDescription load(const std::string& text, const std::string& file,
                         const std::filesystem::path& folder, const std::string& relative_to,
                         const std::vector<std::string>& overrides,
                         std::optional<std::uint64_t> max_memory) {
  scenario_detail::Origins origins;
  scenario_detail::ResolvedTree tree =
      scenario_detail::resolve_extends(text, file, folder, relative_to, origins);
  for (const std::string& override : overrides)
    scenario_detail::apply_override(tree.root, override, origins);
  YAML::Node resolved(YAML::NodeType::Map);
  const Value root(tree.root, "", tree.mark, tree.file, resolved, &origins);
  ScenarioDescription scenario = scenario_detail::read_scenario(root);
  scenario.resolved_yaml = emit(resolved);
  // Last, once every count is known to be valid; it reads the tree again only to say where.
  scenario_detail::check_memory(
      scenario, Value(tree.root, "", tree.mark, tree.file, YAML::Node(), &origins), max_memory);
  return scenario;
}

// Whatever goes wrong while loading leaves as a ScenarioError naming the file.
template <typename Load>
ScenarioDescription guarded(const std::string& file, Load load_scenario) {
  try {
    return load_scenario();
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& error) {
    throw ScenarioError(location_of(file, error.mark), "",
                        "cannot read the scenario: " + error.msg);
  } catch (const std::bad_alloc&) {
    throw ScenarioError({file, 0, 0}, "",
                        "cannot read the scenario: out of memory while reading it (a very large "
                        "file or a deep extends chain; --max-input-size limits the file size)");
  } catch (const std::exception& error) {
    throw ScenarioError({file, 0, 0}, "", std::string("cannot read the scenario: ") + error.what());
  }
}

}  // namespace

ScenarioDescription load_scenario_file(const std::string& path) {
  return load_scenario_file(path, {});
}

ScenarioDescription load_scenario_file(const std::string& path,
                                       const std::vector<std::string>& overrides,
                                       std::optional<std::uint64_t> max_memory) {
  ScenarioDescription scenario = guarded(path, [&] {
    return load(scenario_detail::read_source_file(path), path,
                std::filesystem::path(path).parent_path(), "relative to this file's folder",
                overrides, max_memory);
  });
  scenario.source_path = path;
  return scenario;
}

ScenarioDescription load_scenario_text(const std::string& yaml_text, const std::string& source_name,
                                       std::optional<std::uint64_t> max_memory) {
  return guarded(source_name, [&] {
    // Text has no folder of its own.
    return load(yaml_text, source_name, {}, "relative to the current directory", {}, max_memory);
  });
}

void override_seed(ScenarioDescription& scenario, std::uint64_t seed) {
  scenario.seed = seed;
  if (scenario.resolved_yaml.empty()) return;  // built in code, nothing recorded to update
  YAML::Node tree;
  try {
    tree = YAML::Load(scenario.resolved_yaml);
  } catch (const YAML::Exception& error) {
    throw Error("override_seed: resolved_yaml is not valid YAML: " + error.msg);
  }
  if (!tree.IsMap()) throw Error("override_seed: resolved_yaml is not a scenario map");
  tree["seed"] = std::to_string(seed);
  scenario.resolved_yaml = emit(tree);
}

}  // namespace chokepoint
