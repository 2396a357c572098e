#include <hdf5.h>
#include <hdf5_hl.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"
#include "output/detail/created_folders.hpp"
#include "output/detail/hdf5_attributes.hpp"
#include "output/detail/hdf5_datasets.hpp"
#include "output/detail/hdf5_error.hpp"
#include "output/detail/hdf5_handle.hpp"

namespace chokepoint {

namespace {

namespace fs = std::filesystem;
using namespace output::detail;

void check_shape(const Table& table) {
  const std::size_t rows = table.rows();
  for (const TableColumn& column : table.columns) {
    const std::size_t size = column.texts.empty() ? column.numbers.size() : column.texts.size();
    if (size != rows)
      throw OutputError("column '" + column.name + "' has " + std::to_string(size) +
                        " rows, the table " + std::to_string(rows));
    if (column.name.empty() || column.name.find('/') != std::string::npos)
      throw OutputError("column name '" + column.name + "' is empty or contains '/'");
  }
}

// Writes through "<path>.tmp", renamed into place only when `write` has finished.
template <typename Write>
void write_atomically(const std::string& path, Write write) {
  const fs::path final_path(path);
  const fs::path temporary(path + ".tmp");
  try {
    output::detail::CreatedFolders folders(final_path.parent_path());
    write(temporary);
    fs::rename(temporary, final_path);
    folders.keep();
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw OutputError("cannot write '" + path + "': " + error.what());
  }
}

std::string number_field(double value, bool integer) {
  if (!integer) return number_text(value);
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string number_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::size_t Table::rows() const {
  if (columns.empty()) return 0;
  const TableColumn& first = columns.front();
  return first.texts.empty() ? first.numbers.size() : first.texts.size();
}

void write_table_csv(const std::string& path, const Table& table) {
  check_shape(table);
  write_atomically(path, [&](const fs::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError("cannot create " + temporary.string());
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      out << (c ? "," : "") << csv_field(table.columns[c].name);
    out << '\n';
    for (std::size_t r = 0; r < table.rows(); ++r) {
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const TableColumn& column = table.columns[c];
        out << (c ? "," : "")
            << (column.texts.empty() ? number_field(column.numbers[r], column.integer)
                                     : csv_field(column.texts[r]));
      }
      out << '\n';
    }
    out.close();
    if (!out) throw OutputError("writing " + temporary.string() + " failed (disk full?)");
  });
}

void write_table_hdf5(const std::string& path, const Table& table) {
  check_shape(table);
  write_atomically(path, [&](const fs::path& temporary) {
    QuietHdf5Errors quiet;
    const std::string what = "'" + temporary.string() + "'";
    File file = create_ordered_file(temporary.string());
    {
      Group root(check_id(H5Gopen2(file.get(), "/", H5P_DEFAULT), "H5Gopen2", "'/'"));
      write_string_attribute(root.get(), "filetype", table.filetype);
      for (const auto& [name, value] : table.attributes)
        write_string_attribute(root.get(), name.c_str(), value);
      if (!table.text_name.empty())
        write_scalar_string_dataset(root.get(), table.text_name, table.text);
      // The row dimension as a coordinate: the column of that name, or 0, 1, 2, ...
      std::vector<double> rows(table.rows());
      std::iota(rows.begin(), rows.end(), 0.0);
      for (const TableColumn& column : table.columns)
        if (column.name == table.row_dim && column.texts.empty()) rows = column.numbers;
      Dataset scale =
          write_numeric_dataset(root.get(), table.row_dim, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                sizeof(double), {rows.size()}, rows.data(), false);
      write_string_attribute(scale.get(), "long_name", table.row_dim);
      check_status(H5DSset_scale(scale.get(), table.row_dim.c_str()), "H5DSset_scale", what);
      for (const TableColumn& column : table.columns) {
        if (column.name == table.row_dim) continue;
        Dataset dataset;
        if (!column.texts.empty()) {
          dataset = write_string_dataset(root.get(), column.name, column.texts);
        } else if (column.integer) {
          std::vector<std::int64_t> values(column.numbers.begin(), column.numbers.end());
          dataset =
              write_numeric_dataset(root.get(), column.name, H5T_STD_I64LE, H5T_NATIVE_INT64,
                                    sizeof(std::int64_t), {values.size()}, values.data(), false);
        } else {
          dataset = write_numeric_dataset(root.get(), column.name, H5T_IEEE_F64LE,
                                          H5T_NATIVE_DOUBLE, sizeof(double),
                                          {column.numbers.size()}, column.numbers.data(), false);
        }
        if (!column.units.empty()) write_string_attribute(dataset.get(), "units", column.units);
        write_string_attribute(dataset.get(), "long_name", column.long_name);
        check_status(H5DSattach_scale(dataset.get(), scale.get(), 0), "H5DSattach_scale", what);
        check_status(H5DSset_label(dataset.get(), 0, table.row_dim.c_str()), "H5DSset_label", what);
      }
    }
    check_status(file.close(), "H5Fclose", what);
  });
}

}  // namespace chokepoint
