#include "scenario/detail/documents.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

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

namespace {

// Records where each document starts; every other event is ignored.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Counts documents with at most two parser calls. yaml-cpp 0.7's LoadAll() loops forever,
// allocating, when a document starts with a token the parser cannot use (e.g. a stray
// ","): it reports an empty document without consuming the token, again and again
// (yaml-cpp issue 1040, fixed upstream after 0.8). Found by our fuzzer
// (tests/fuzz/scenario_loader_fuzzer.cpp). A second document that starts where the first
// did is that stuck parser, not a real document.
void check_single_document(const std::string& text, const std::string& file) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts documents;
  while (documents.starts.size() < 2 && parser.HandleNextDocument(documents)) {
  }
  if (documents.starts.size() < 2) return;
  const YAML::Mark& first = documents.starts[0];
  const YAML::Mark& second = documents.starts[1];
  if (second.pos == first.pos)
    throw ScenarioError(location_of(file, second), "",
                        "YAML syntax error: unexpected character at the start of a value");
  throw ScenarioError(location_of(file, second), "",
                      "expected one YAML document, found a second one (remove the ---)");
}

}  // namespace

YAML::Node parse_document(const std::string& text, const std::string& file) {
  check_text(text, file);
  YAML::Node document;
  try {
    check_single_document(text, file);
    document = YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {
    throw ScenarioError(location_of(file, error.mark), "",
                        "nesting is too deep: the YAML parser stopped at " +
                            std::to_string(error.depth()) + " levels");
  } catch (const YAML::ParserException& error) {
    throw ScenarioError(location_of(file, error.mark), "", "YAML syntax error: " + error.msg);
  }
  if (!document || document.IsNull()) {
    throw ScenarioError({file, 1, 1}, "",
                        "the scenario is empty; expected a map with at least name, calendar, "
                        "target, states and sectors");
  }
  return document;
}

}  // namespace chokepoint::scenario_detail
