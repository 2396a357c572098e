#include "output/detail/hdf5_attributes.hpp"

#include "chokepoint/error.hpp"
#include "output/detail/hdf5_error.hpp"
#include "output/detail/hdf5_handle.hpp"
#include "output/detail/hdf5_strings.hpp"

namespace chokepoint::output::detail {

namespace {

std::string object_path(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return "?";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

std::string describe(std::string_view owner, const char* name) {
  return "attribute '" + std::string(name) + "' of '" + std::string(owner) + "'";
}

Dataspace scalar_space(const std::string& what) {
  return Dataspace(check_id(H5Screate(H5S_SCALAR), "H5Screate", what));
}

Dataspace list_space(std::size_t size, const std::string& what) {
  const hsize_t extent = size;
  return Dataspace(check_id(H5Screate_simple(1, &extent, nullptr), "H5Screate_simple", what));
}

void write_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                     hid_t space, const void* data) {
  const std::string what = describe(object_path(object), name);
  Attribute attribute(check_id(H5Acreate2(object, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                               "H5Acreate2", what));
  // An empty list is an attribute of zero elements; HDF5 refuses to write nothing into it.
  if (element_count(space, what) > 0) {
    check_status(H5Awrite(attribute.get(), memory_type, data), "H5Awrite", what);
  }
  check_status(attribute.close(), "H5Aclose", what);
}

struct OpenedAttribute {
  Attribute attribute;
  Datatype type;
  std::size_t count = 0;
  std::string what;
};

OpenedAttribute open_attribute(hid_t object, const char* name, std::string_view owner,
                               H5T_class_t expected_class, const char* expected) {
  OpenedAttribute opened;
  opened.what = describe(owner, name);
  if (!has_attribute(object, name)) throw OutputError("missing " + opened.what);
  opened.attribute =
      Attribute(check_id(H5Aopen(object, name, H5P_DEFAULT), "H5Aopen", opened.what));
  opened.type = Datatype(check_id(H5Aget_type(opened.attribute.get()), "H5Aget_type", opened.what));
  if (H5Tget_class(opened.type.get()) != expected_class) {
    throw OutputError(opened.what + " is not " + expected);
  }
  Dataspace space(check_id(H5Aget_space(opened.attribute.get()), "H5Aget_space", opened.what));
  opened.count = element_count(space.get(), opened.what);
  return opened;
}

void require_single(const OpenedAttribute& opened) {
  if (opened.count != 1) {
    throw OutputError(opened.what + " holds " + std::to_string(opened.count) +
                      " values where one was expected");
  }
}

template <typename T>
T read_single(hid_t object, const char* name, std::string_view owner, H5T_class_t expected_class,
              const char* expected, hid_t memory_type) {
  OpenedAttribute opened = open_attribute(object, name, owner, expected_class, expected);
  require_single(opened);
  T value{};
  check_status(H5Aread(opened.attribute.get(), memory_type, &value), "H5Aread", opened.what);
  return value;
}

}  // namespace

void write_string_attribute(hid_t object, const char* name, std::string_view value) {
  const std::string text(value);
  const char* pointer = text.c_str();
  Datatype type = utf8_string_type();
  Dataspace space = scalar_space(name);
  write_attribute(object, name, type.get(), type.get(), space.get(), &pointer);
}

void write_string_list_attribute(hid_t object, const char* name,
                                 const std::vector<std::string>& values) {
  const std::vector<const char*> pointers = c_strings(values);
  Datatype type = utf8_string_type();
  Dataspace space = list_space(values.size(), name);
  write_attribute(object, name, type.get(), type.get(), space.get(), pointers.data());
}

void write_int_attribute(hid_t object, const char* name, int value) {
  Dataspace space = scalar_space(name);
  write_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT, space.get(), &value);
}

void write_int_list_attribute(hid_t object, const char* name, const std::vector<int>& values) {
  Dataspace space = list_space(values.size(), name);
  write_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT, space.get(), values.data());
}

void write_uint64_attribute(hid_t object, const char* name, std::uint64_t value) {
  Dataspace space = scalar_space(name);
  write_attribute(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, space.get(), &value);
}

void write_double_attribute(hid_t object, const char* name, double value) {
  Dataspace space = scalar_space(name);
  write_attribute(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space.get(), &value);
}

bool has_attribute(hid_t object, const char* name) {
  return check_tri(H5Aexists(object, name), "H5Aexists", describe(object_path(object), name));
}

std::string read_string_attribute(hid_t object, const char* name, std::string_view owner) {
  OpenedAttribute opened = open_attribute(object, name, owner, H5T_STRING, "text");
  require_single(opened);
  return read_strings(opened.attribute.get(), true, opened.type.get(), 1, opened.what).front();
}

std::string read_optional_string_attribute(hid_t object, const char* name, std::string_view owner) {
  return has_attribute(object, name) ? read_string_attribute(object, name, owner) : std::string();
}

std::vector<std::string> read_string_list_attribute(hid_t object, const char* name,
                                                    std::string_view owner) {
  OpenedAttribute opened = open_attribute(object, name, owner, H5T_STRING, "text");
  return read_strings(opened.attribute.get(), true, opened.type.get(), opened.count, opened.what);
}

std::int64_t read_int_attribute(hid_t object, const char* name, std::string_view owner) {
  return read_single<std::int64_t>(object, name, owner, H5T_INTEGER, "an integer",
                                   H5T_NATIVE_INT64);
}

std::vector<std::int64_t> read_int_list_attribute(hid_t object, const char* name,
                                                  std::string_view owner) {
  OpenedAttribute opened = open_attribute(object, name, owner, H5T_INTEGER, "integers");
  std::vector<std::int64_t> values(opened.count);
  if (!values.empty()) {
    check_status(H5Aread(opened.attribute.get(), H5T_NATIVE_INT64, values.data()), "H5Aread",
                 opened.what);
  }
  return values;
}

std::uint64_t read_uint64_attribute(hid_t object, const char* name, std::string_view owner) {
  return read_single<std::uint64_t>(object, name, owner, H5T_INTEGER, "an integer",
                                    H5T_NATIVE_UINT64);
}

double read_double_attribute(hid_t object, const char* name, std::string_view owner) {
  return read_single<double>(object, name, owner, H5T_FLOAT, "a floating-point number",
                             H5T_NATIVE_DOUBLE);
}

}  // namespace chokepoint::output::detail
