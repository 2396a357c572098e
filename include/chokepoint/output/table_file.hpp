#pragma once

// A table with one row per item (a sweep's runs, a comparison's policies) written as CSV, for
// `pandas.read_csv`, and as HDF5, where each column is a 1-D dataset over one named dimension
// with units and a long name, for h5py and xarray. Both are written to a temporary name and
// renamed into place when complete.

#include <string>
#include <utility>
#include <vector>

namespace chokepoint {

struct TableColumn {
  std::string name;
  std::string units;  // empty for text and identifiers
  std::string long_name;
  // Exactly one of the two holds the column's values.
  std::vector<double> numbers;
  std::vector<std::string> texts;
  bool integer = false;  // numbers stored as 64-bit integers
};

struct Table {
  std::string filetype;  // root attribute "filetype" of the HDF5 file
  std::string row_dim;   // name of the row dimension, e.g. "run"
  std::vector<std::pair<std::string, std::string>> attributes;  // more root attributes
  std::string text_name;  // optional scalar text dataset (e.g. the sweep file as resolved)
  std::string text;
  std::vector<TableColumn> columns;

  std::size_t rows() const;
};

// The text of one cell: a number as the shortest text that reads back as the same double
// (0.004, not 0.0040000000000000001), and a field quoted for CSV when it needs to be.
std::string number_text(double value);
std::string csv_field(const std::string& text);

// Throws OutputError naming the path when the file cannot be written; nothing is left behind.
void write_table_hdf5(const std::string& path, const Table& table);
void write_table_csv(const std::string& path, const Table& table);

}  // namespace chokepoint
