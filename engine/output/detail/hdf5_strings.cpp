#include "output/detail/hdf5_strings.hpp"

#include <algorithm>
#include <cstdlib>

#include "output/detail/hdf5_error.hpp"

namespace chokepoint::output::detail {

Datatype utf8_string_type() {
  Datatype type(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type"));
  check_status(H5Tset_size(type.get(), variable_size()), "H5Tset_size", "string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");
  return type;
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values)
    pointers.push_back(value.c_str());
  return pointers;
}

std::size_t element_count(hid_t space, const std::string& what) {
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  if (count < 0) throw_hdf5_failure("H5Sget_simple_extent_npoints", what);
  return static_cast<std::size_t>(count);
}

namespace {

void read_raw(hid_t object, bool is_attribute, hid_t memory_type, void* buffer,
              const std::string& what) {
  if (is_attribute) {
    check_status(H5Aread(object, memory_type, buffer), "H5Aread", what);
  } else {
    check_status(H5Dread(object, memory_type, select_all(), select_all(), H5P_DEFAULT, buffer),
                 "H5Dread", what);
  }
}

// HDF5 allocates each variable-length string it reads; this gives them back even on a throw.
struct VariableStrings {
  std::vector<char*> pointers;
  explicit VariableStrings(std::size_t count) : pointers(count, nullptr) {}
  VariableStrings(const VariableStrings&) = delete;
  VariableStrings& operator=(const VariableStrings&) = delete;
  ~VariableStrings() {
    for (char* p : pointers) {
      if (p != nullptr) H5free_memory(p);
    }
  }
};

// A memory type matching the stored character set: HDF5 will not convert ASCII to UTF-8.
Datatype memory_string_type(hid_t file_type, std::size_t size, const std::string& what) {
  Datatype type(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", what));
  check_status(H5Tset_size(type.get(), size), "H5Tset_size", what);
  const H5T_cset_t cset = H5Tget_cset(file_type);
  if (cset < 0) throw_hdf5_failure("H5Tget_cset", what);
  check_status(H5Tset_cset(type.get(), cset), "H5Tset_cset", what);
  return type;
}

}  // namespace

std::vector<std::string> read_strings(hid_t object, bool is_attribute, hid_t file_type,
                                      std::size_t count, const std::string& what) {
  std::vector<std::string> values;
  if (count == 0) return values;
  values.reserve(count);
  if (check_tri(H5Tis_variable_str(file_type), "H5Tis_variable_str", what)) {
    Datatype memory = memory_string_type(file_type, variable_size(), what);
    VariableStrings raw(count);
    read_raw(object, is_attribute, memory.get(), raw.pointers.data(), what);
    for (const char* p : raw.pointers)
      values.emplace_back(p != nullptr ? p : "");
  } else {
    const std::size_t size = H5Tget_size(file_type);
    if (size == 0) throw_hdf5_failure("H5Tget_size", what);
    Datatype memory = memory_string_type(file_type, size, what);
    // Null-padded in memory, so a string that fills its slot needs no terminator.
    check_status(H5Tset_strpad(memory.get(), H5T_STR_NULLPAD), "H5Tset_strpad", what);
    std::vector<char> raw(count * size, '\0');
    read_raw(object, is_attribute, memory.get(), raw.data(), what);
    for (std::size_t i = 0; i < count; ++i) {
      const char* begin = raw.data() + i * size;
      values.emplace_back(begin, std::find(begin, begin + size, '\0'));
    }
  }
  return values;
}

}  // namespace chokepoint::output::detail
