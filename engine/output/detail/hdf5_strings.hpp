#pragma once

// Variable-length UTF-8 strings in and out of HDF5 attributes and datasets. Shared by the
// attribute and dataset helpers; the only place that knows how HDF5 hands strings back.

#include <hdf5.h>

#include <string>
#include <vector>

#include "output/detail/hdf5_handle.hpp"

namespace chokepoint::output::detail {

// The file and memory type for text we write.
Datatype utf8_string_type();

// Pointers into `values`, in the char** form HDF5 writes variable-length strings from. They
// stay valid while `values` is alive and unchanged.
std::vector<const char*> c_strings(const std::vector<std::string>& values);

// Reads every element of a string attribute (is_attribute) or dataset, variable- or fixed-length,
// whose stored type is `file_type` and which holds `count` elements. `what` names it in errors.
std::vector<std::string> read_strings(hid_t object, bool is_attribute, hid_t file_type,
                                      std::size_t count, const std::string& what);

// Number of elements in a dataspace (0 for a null dataspace).
std::size_t element_count(hid_t space, const std::string& what);

}  // namespace chokepoint::output::detail
