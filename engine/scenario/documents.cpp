#include "scenario/detail/documents.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <vector>

#include "chokepoint/scenario/input_limits.hpp"
#include "scenario/detail/text_checks.hpp"

namespace chokepoint::scenario_detail {

namespace {

// What a path names, for the message refusing anything but a regular file.
std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "something other than a file";
}

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw ScenarioError({path, 0, 0}, "", "cannot read scenario file: " + why);
}

// Closes the descriptor on every way out of read_source_file.
struct FileDescriptor {
  explicit FileDescriptor(int descriptor) : fd(descriptor) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
  int fd;
};

}  // namespace

SourceLocation location_of(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

std::string read_source_file(const std::string& path) {
  // Non-blocking, so that opening a FIFO returns at once (a blocking open waits for a writer);
  // fstat on the open descriptor, so the file checked is the file read.
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) refuse(path, std::strerror(errno));
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) refuse(path, std::strerror(errno));
  if (!S_ISREG(status.st_mode))
    refuse(path, "it is " + file_kind(status.st_mode) + ", not a regular file");
  const std::uint64_t limit = max_input_size();
  const auto too_large = [&](const std::string& size) {
    refuse(path, "it is " + size + " bytes, more than the limit of " + std::to_string(limit) +
                     " (--max-input-size changes it)");
  };
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size > limit) too_large(std::to_string(size));
  // Reads until end of file but never more than one byte beyond the limit, so a file that
  // grows while it is read is refused too.
  std::string content(static_cast<std::size_t>(size) + 1, '\0');
  std::size_t filled = 0;
  for (;;) {
    if (filled == content.size()) {
      if (filled > limit) too_large("more than " + std::to_string(limit));
      content.resize(std::min<std::uint64_t>(limit + 1, 2 * content.size()));
    }
    const ssize_t got = ::read(file.fd, content.data() + filled, content.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) refuse(path, std::string("read failed: ") + std::strerror(errno));
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  content.resize(filled);
  return content;
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
