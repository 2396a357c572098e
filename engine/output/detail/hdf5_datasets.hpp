#pragma once

// Creating and reading the datasets of a run file: numeric arrays (chunked and compressed when
// they can be) and UTF-8 string arrays. Names are relative to `location` (the file's root).

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output/detail/hdf5_handle.hpp"

namespace chokepoint::output::detail {

// deflate level for series: 4 is most of level 9's gain at a fraction of its time.
inline constexpr unsigned kDeflateLevel = 4;

// A dataset of `shape` (empty: scalar) written from row-major `data`. With `compress`, chunked
// with shuffle + deflate where chunk_shape() allows; contiguous otherwise.
Dataset write_numeric_dataset(hid_t location, const std::string& name, hid_t file_type,
                              hid_t memory_type, std::size_t element_bytes,
                              const std::vector<std::size_t>& shape, const void* data,
                              bool compress);
Dataset write_string_dataset(hid_t location, const std::string& name,
                             const std::vector<std::string>& values);
Dataset write_scalar_string_dataset(hid_t location, const std::string& name,
                                    std::string_view value);

Dataset open_dataset(hid_t location, const std::string& name);

// A new file (replacing any at `path`) that remembers the order links were created in, so a
// reader gets datasets back in the writer's order instead of HDF5's alphabetical one (netCDF-4
// does the same).
File create_ordered_file(const std::string& path);
// Extents of the dataset; empty for a scalar.
std::vector<std::size_t> dataset_shape(hid_t dataset, const std::string& name);
H5T_class_t dataset_class(hid_t dataset, const std::string& name);
std::vector<double> read_doubles(hid_t dataset, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t dataset, const std::string& name);
// Every string of a string dataset (a scalar gives one).
std::vector<std::string> read_string_dataset(hid_t dataset, const std::string& name);

}  // namespace chokepoint::output::detail
