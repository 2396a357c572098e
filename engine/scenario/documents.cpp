#include "scenario/detail/documents.hpp"

#include <yaml-cpp/depthguard.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "scenario/detail/text_checks.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Far above any real scenario; refusing larger files keeps a wrong path (a data file, a disk
// image) from being read into memory.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

}  // namespace

SourceLocation location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

std::string read_source_file(const std::string& path) {
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

YAML::Node parse_document(const std::string& text, const std::string& file) {
  check_text(text, file);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& error) {
    throw ScenarioError(location_of(file, error.mark), "",
                        "nesting is too deep: the YAML parser stopped at " +
                            std::to_string(error.depth()) + " levels");
  } catch (const YAML::ParserException& error) {
    throw ScenarioError(location_of(file, error.mark), "", "YAML syntax error: " + error.msg);
  }
  if (documents.empty() || documents.front().IsNull()) {
    throw ScenarioError({file, 1, 1}, "",
                        "the scenario is empty; expected a map with at least name, calendar, "
                        "target, states and sectors");
  }
  if (documents.size() > 1) {
    throw ScenarioError(location_of(file, documents[1].Mark()), "",
                        "expected one YAML document, found a second one (remove the ---)");
  }
  return documents.front();
}

}  // namespace chokepoint::scenario_detail
