#pragma once

// Reading and writing HDF5 attributes of the few kinds a run file uses. Text is always written
// as variable-length UTF-8 (so empty strings and non-ASCII names survive); readers also accept
// fixed-length strings, which other tools (h5py, netCDF) may leave behind.

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::output::detail {

void write_string_attribute(hid_t object, const char* name, std::string_view value);
// A 1-D array of strings (may be empty).
void write_string_list_attribute(hid_t object, const char* name,
                                 const std::vector<std::string>& values);
void write_int_attribute(hid_t object, const char* name, int value);
void write_int_list_attribute(hid_t object, const char* name, const std::vector<int>& values);
void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value);
void write_double_attribute(hid_t object, const char* name, double value);

bool has_attribute(hid_t object, const char* name);

// Each reader throws OutputError naming the attribute when it is missing or of the wrong kind.
// `owner` names the object in messages ("/", "/trade").
std::string read_string_attribute(hid_t object, const char* name, std::string_view owner);
// Empty string when the attribute is absent.
std::string read_optional_string_attribute(hid_t object, const char* name, std::string_view owner);
std::vector<std::string> read_string_list_attribute(hid_t object, const char* name,
                                                    std::string_view owner);
std::int64_t read_int_attribute(hid_t object, const char* name, std::string_view owner);
std::vector<std::int64_t> read_int_list_attribute(hid_t object, const char* name,
                                                  std::string_view owner);
std::uint64_t read_uint64_attribute(hid_t object, const char* name, std::string_view owner);
double read_double_attribute(hid_t object, const char* name, std::string_view owner);

}  // namespace chokepoint::output::detail
