#include "output/detail/hdf5_error.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "output/detail/hdf5_handle.hpp"

namespace chokepoint::output::detail {

QuietHdf5Errors::QuietHdf5Errors() {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &previous_func_, &previous_data_) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietHdf5Errors::~QuietHdf5Errors() {
  if (saved_) H5Eset_auto2(H5E_DEFAULT, previous_func_, previous_data_);
}

namespace {

// HDF5 closes every file still open when the process exits. The engine closes each file it
// opens (RAII), so the only file left open then is one whose close failed, a full disk's:
// closing it again at exit flushes to the full disk and crashes inside HDF5 (SIGSEGV in
// H5F__close_cb from H5_term_library, HDF5 1.10). Opting out of that clean-up, before the
// library's first use, lets a failed write end in its one-line error and exit status 1.
const bool kNoExitTimeClose = [] {
  H5dont_atexit();
  return true;
}();

struct Frame {
  std::string function;
  std::string description;
  std::string minor;  // HDF5's classification of the cause, e.g. "unable to open file"
};

std::string message_text(hid_t message_id) {
  std::array<char, 256> buffer{};
  H5E_type_t type{};
  if (H5Eget_msg(message_id, &type, buffer.data(), buffer.size()) < 0) return {};
  return buffer.data();
}

// Called by H5Ewalk2 for each frame; must not throw (it is called from C).
herr_t collect_frame(unsigned /*n*/, const H5E_error2_t* error, void* client) noexcept {
  try {
    auto& frames = *static_cast<std::vector<Frame>*>(client);
    frames.push_back({error->func_name ? error->func_name : "", error->desc ? error->desc : "",
                      message_text(error->min_num)});
  } catch (...) {
    return -1;
  }
  return 0;
}

// The file drivers describe a failed system call in a long multi-line text ending in
// "errno = 28, error message = '...'"; the system's own words for the errno say it all.
std::optional<int> errno_in(const std::string& description) {
  const std::string key = "errno = ";
  const std::size_t at = description.find(key);
  if (at == std::string::npos) return std::nullopt;
  char* end = nullptr;
  const long number = std::strtol(description.c_str() + at + key.size(), &end, 10);
  if (end == description.c_str() + at + key.size() || number <= 0) return std::nullopt;
  return static_cast<int>(number);
}

std::string describe(const Frame& frame) {
  std::string text = frame.function;
  if (const std::optional<int> number = errno_in(frame.description))
    return text + ": " + std::strerror(*number) + " (errno " + std::to_string(*number) + ")";
  if (!frame.description.empty()) text += ": " + frame.description;
  if (!frame.minor.empty() && frame.minor != frame.description) text += " (" + frame.minor + ")";
  // One line, whatever HDF5 wrote.
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

std::string take_hdf5_error_stack() {
  // A copy of the stack, taken first: any later HDF5 call would clear the live one.
  ErrorStack stack(H5Eget_current_stack());
  if (!stack.valid()) return "no HDF5 error details available";
  std::vector<Frame> frames;
  H5Ewalk2(stack.get(), H5E_WALK_DOWNWARD, collect_frame, &frames);
  if (frames.empty()) return "no HDF5 error details available";
  // The whole stack is a dozen internal frames; the API call and the root cause say enough.
  std::string text = describe(frames.front());
  if (frames.size() > 1) text += " <- " + describe(frames.back());
  return text;
}

void throw_hdf5_failure(std::string_view call, std::string_view what) {
  std::string message(call);
  message += " failed";
  if (!what.empty()) message.append(" for ").append(what);
  message += ": " + take_hdf5_error_stack();
  throw OutputError(message);
}

}  // namespace chokepoint::output::detail
