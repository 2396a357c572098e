#include "output/detail/hdf5_handle.hpp"

namespace chokepoint::output::detail {

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
hid_t select_all() {
  return H5S_ALL;
}
std::size_t variable_size() {
  return H5T_VARIABLE;
}
#pragma GCC diagnostic pop

}  // namespace chokepoint::output::detail
