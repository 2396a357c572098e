#pragma once

// HDF5 reports failures by return value and, by default, by printing its error stack to stderr.
// The engine is a library: it prints nothing itself and turns every failure into an OutputError
// that carries what HDF5 would have printed.

#include <hdf5.h>

#include <string>
#include <string_view>

namespace chokepoint::output::detail {

// While alive, HDF5 prints nothing; the previous handler (which may be a user's) comes back on
// destruction. HDF5's error state is process-wide in the serial library, like the library itself.
class QuietHdf5Errors {
 public:
  QuietHdf5Errors();
  QuietHdf5Errors(const QuietHdf5Errors&) = delete;
  QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;
  ~QuietHdf5Errors();

 private:
  H5E_auto2_t previous_func_ = nullptr;
  void* previous_data_ = nullptr;
  bool saved_ = false;
};

// HDF5's current error stack as one line (outermost call first, root cause last), and clears it.
std::string take_hdf5_error_stack();

// Throws OutputError "<call> failed for <what>: <HDF5 error stack>".
[[noreturn]] void throw_hdf5_failure(std::string_view call, std::string_view what);

// HDF5 returns a negative hid_t or herr_t on failure; these pass a success value through.
inline hid_t check_id(hid_t id, std::string_view call, std::string_view what) {
  if (id < 0) throw_hdf5_failure(call, what);
  return id;
}
inline void check_status(herr_t status, std::string_view call, std::string_view what) {
  if (status < 0) throw_hdf5_failure(call, what);
}
// For H5*exists-style calls: negative is failure, zero is false, positive is true.
inline bool check_tri(htri_t answer, std::string_view call, std::string_view what) {
  if (answer < 0) throw_hdf5_failure(call, what);
  return answer > 0;
}

}  // namespace chokepoint::output::detail
