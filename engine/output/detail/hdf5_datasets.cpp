#include "output/detail/hdf5_datasets.hpp"

#include "chokepoint/error.hpp"
#include "output/detail/chunking.hpp"
#include "output/detail/hdf5_error.hpp"
#include "output/detail/hdf5_strings.hpp"

namespace chokepoint::output::detail {

namespace {

std::string describe(const std::string& name) {
  return "dataset '/" + name + "'";
}

Dataspace make_space(const std::vector<std::size_t>& shape, const std::string& what) {
  if (shape.empty()) return Dataspace(check_id(H5Screate(H5S_SCALAR), "H5Screate", what));
  const std::vector<hsize_t> extents(shape.begin(), shape.end());
  return Dataspace(
      check_id(H5Screate_simple(static_cast<int>(extents.size()), extents.data(), nullptr),
               "H5Screate_simple", what));
}

PropertyList creation_properties(const std::vector<std::size_t>& shape, std::size_t element_bytes,
                                 bool compress, const std::string& what) {
  PropertyList properties(check_id(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", what));
  const std::vector<std::size_t> chunk =
      compress ? chunk_shape(shape, element_bytes) : std::vector<std::size_t>{};
  if (!chunk.empty()) {
    const std::vector<hsize_t> extents(chunk.begin(), chunk.end());
    check_status(H5Pset_chunk(properties.get(), static_cast<int>(extents.size()), extents.data()),
                 "H5Pset_chunk", what);
    // Shuffle groups the bytes of neighbouring values, so deflate sees the repetitive
    // exponents of a slowly varying series; it roughly doubles the compression of doubles.
    check_status(H5Pset_shuffle(properties.get()), "H5Pset_shuffle", what);
    check_status(H5Pset_deflate(properties.get(), kDeflateLevel), "H5Pset_deflate", what);
  }
  return properties;
}

Dataset create(hid_t location, const std::string& name, hid_t file_type, hid_t space,
               hid_t properties, const std::string& what) {
  return Dataset(check_id(
      H5Dcreate2(location, name.c_str(), file_type, space, H5P_DEFAULT, properties, H5P_DEFAULT),
      "H5Dcreate2", what));
}

}  // namespace

Dataset write_numeric_dataset(hid_t location, const std::string& name, hid_t file_type,
                              hid_t memory_type, std::size_t element_bytes,
                              const std::vector<std::size_t>& shape, const void* data,
                              bool compress) {
  const std::string what = describe(name);
  Dataspace space = make_space(shape, what);
  PropertyList properties = creation_properties(shape, element_bytes, compress, what);
  Dataset dataset = create(location, name, file_type, space.get(), properties.get(), what);
  if (element_count(space.get(), what) > 0) {
    check_status(
        H5Dwrite(dataset.get(), memory_type, select_all(), select_all(), H5P_DEFAULT, data),
        "H5Dwrite", what);
  }
  return dataset;
}

Dataset write_string_dataset(hid_t location, const std::string& name,
                             const std::vector<std::string>& values) {
  const std::string what = describe(name);
  Datatype type = utf8_string_type();
  Dataspace space = make_space({values.size()}, what);
  Dataset dataset = create(location, name, type.get(), space.get(), H5P_DEFAULT, what);
  if (!values.empty()) {
    const std::vector<const char*> pointers = c_strings(values);
    check_status(H5Dwrite(dataset.get(), type.get(), select_all(), select_all(), H5P_DEFAULT,
                          pointers.data()),
                 "H5Dwrite", what);
  }
  return dataset;
}

Dataset write_scalar_string_dataset(hid_t location, const std::string& name,
                                    std::string_view value) {
  const std::string what = describe(name);
  const std::string text(value);
  const char* pointer = text.c_str();
  Datatype type = utf8_string_type();
  Dataspace space = make_space({}, what);
  Dataset dataset = create(location, name, type.get(), space.get(), H5P_DEFAULT, what);
  check_status(
      H5Dwrite(dataset.get(), type.get(), select_all(), select_all(), H5P_DEFAULT, &pointer),
      "H5Dwrite", what);
  return dataset;
}

Dataset open_dataset(hid_t location, const std::string& name) {
  return Dataset(
      check_id(H5Dopen2(location, name.c_str(), H5P_DEFAULT), "H5Dopen2", describe(name)));
}

std::vector<std::size_t> dataset_shape(hid_t dataset, const std::string& name) {
  const std::string what = describe(name);
  Dataspace space(check_id(H5Dget_space(dataset), "H5Dget_space", what));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw_hdf5_failure("H5Sget_simple_extent_ndims", what);
  std::vector<hsize_t> extents(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), extents.data(), nullptr) < 0) {
    throw_hdf5_failure("H5Sget_simple_extent_dims", what);
  }
  return {extents.begin(), extents.end()};
}

H5T_class_t dataset_class(hid_t dataset, const std::string& name) {
  const std::string what = describe(name);
  Datatype type(check_id(H5Dget_type(dataset), "H5Dget_type", what));
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_NO_CLASS) throw_hdf5_failure("H5Tget_class", what);
  return type_class;
}

namespace {

template <typename T>
std::vector<T> read_all(hid_t dataset, const std::string& name, hid_t memory_type) {
  const std::string what = describe(name);
  Dataspace space(check_id(H5Dget_space(dataset), "H5Dget_space", what));
  std::vector<T> values(element_count(space.get(), what));
  if (!values.empty()) {
    check_status(
        H5Dread(dataset, memory_type, select_all(), select_all(), H5P_DEFAULT, values.data()),
        "H5Dread", what);
  }
  return values;
}

}  // namespace

std::vector<double> read_doubles(hid_t dataset, const std::string& name) {
  return read_all<double>(dataset, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_int64s(hid_t dataset, const std::string& name) {
  return read_all<std::int64_t>(dataset, name, H5T_NATIVE_INT64);
}

std::vector<std::string> read_string_dataset(hid_t dataset, const std::string& name) {
  const std::string what = describe(name);
  Datatype type(check_id(H5Dget_type(dataset), "H5Dget_type", what));
  if (H5Tget_class(type.get()) != H5T_STRING) throw OutputError(what + " does not hold text");
  Dataspace space(check_id(H5Dget_space(dataset), "H5Dget_space", what));
  return read_strings(dataset, false, type.get(), element_count(space.get(), what), what);
}

File create_ordered_file(const std::string& path) {
  const std::string what = "'" + path + "'";
  PropertyList creation(check_id(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", what));
  check_status(
      H5Pset_link_creation_order(creation.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      "H5Pset_link_creation_order", what);
  return File(check_id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), H5P_DEFAULT),
                       "H5Fcreate", what));
}

}  // namespace chokepoint::output::detail
