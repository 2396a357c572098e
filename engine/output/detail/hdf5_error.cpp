#include "output/detail/hdf5_error.hpp"

#include <array>
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

std::string describe(const Frame& frame) {
  std::string text = frame.function;
  if (!frame.description.empty()) text += ": " + frame.description;
  if (!frame.minor.empty() && frame.minor != frame.description) text += " (" + frame.minor + ")";
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
