#include "chokepoint/scenario/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "chokepoint/error.hpp"
#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/sections.hpp"
#include "scenario/detail/text_checks.hpp"

namespace chokepoint {

namespace {

using scenario_detail::Value;

// Far above any real scenario; refusing larger files keeps a wrong path (a data file, a disk
// image) from being read into memory.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

SourceLocation at(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

std::string emit(const YAML::Node& tree) {
  YAML::Emitter emitter;
  emitter << tree;
  if (!emitter.good()) throw Error("cannot write the resolved scenario: " + emitter.GetLastError());
  return std::string(emitter.c_str()) + "\n";
}

std::vector<YAML::Node> parse_documents(const std::string& text, const std::string& file) {
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& error) {
    throw ScenarioError(at(file, error.mark), "",
                        "nesting is too deep: the YAML parser stopped at " +
                            std::to_string(error.depth()) + " levels");
  } catch (const YAML::ParserException& error) {
    throw ScenarioError(at(file, error.mark), "", "YAML syntax error: " + error.msg);
  }
}

ScenarioDescription load(const std::string& text, const std::string& file) {
  scenario_detail::check_text(text, file);
  const std::vector<YAML::Node> documents = parse_documents(text, file);
  if (documents.empty() || documents.front().IsNull()) {
    throw ScenarioError({file, 1, 1}, "",
                        "the scenario is empty; expected a map with at least name, calendar, "
                        "target, states and sectors");
  }
  if (documents.size() > 1) {
    throw ScenarioError(at(file, documents[1].Mark()), "",
                        "expected one YAML document, found a second one (remove the ---)");
  }
  YAML::Node resolved(YAML::NodeType::Map);
  const Value root(documents.front(), "", documents.front().Mark(), &file, resolved);
  ScenarioDescription scenario = scenario_detail::read_scenario(root);
  scenario.resolved_yaml = emit(resolved);
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
    throw ScenarioError(at(file, error.mark), "", "cannot read the scenario: " + error.msg);
  } catch (const std::exception& error) {
    throw ScenarioError({file, 0, 0}, "", std::string("cannot read the scenario: ") + error.what());
  }
}

std::string read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ScenarioError({path, 0, 0}, "", "cannot read scenario file: it is a directory");
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxFileBytes) {
    throw ScenarioError({path, 0, 0}, "",
                        "cannot read scenario file: it is " + std::to_string(size) +
                            " bytes, more than the limit of " + std::to_string(kMaxFileBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError({path, 0, 0}, "",
                        std::string("cannot read scenario file: ") + std::strerror(errno));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw ScenarioError({path, 0, 0}, "", "cannot read scenario file: read failed");
  return content.str();
}

}  // namespace

ScenarioDescription load_scenario_file(const std::string& path) {
  ScenarioDescription scenario = guarded(path, [&path] { return load(read_file(path), path); });
  scenario.source_path = path;
  return scenario;
}

ScenarioDescription load_scenario_text(const std::string& yaml_text,
                                       const std::string& source_name) {
  return guarded(source_name, [&] { return load(yaml_text, source_name); });
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
