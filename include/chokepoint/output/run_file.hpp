#pragma once

// A RunRecord on disk: one self-describing HDF5 file per run, laid out so that netCDF tools
// (xarray, ncdump) see named dimensions, coordinates and units. docs/OUTPUT_FORMAT.md describes
// the layout. The HDF5 library used here is not thread-safe: call these from one thread at a time.

#include <map>
#include <string>
#include <vector>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint {

// Writes `record` to `path`, creating missing parent directories. The file is written as
// "<path>.tmp" and renamed into place once closed, so a file under `path` is always complete
// and an existing one is replaced only by a complete successor. Throws OutputError (naming the
// path and the failing HDF5 call) for a record that cannot be stored or a write that fails;
// nothing is left behind then.
void write_run_file(const std::string& path, const RunRecord& record);

// Reads a file written by write_run_file back into the record that was written, bit for bit.
// Throws OutputError for a missing file, a file that is not HDF5, an HDF5 file that is not a
// Chokepoint run file, or a run file of a format version this engine does not know.
RunRecord read_run_file(const std::string& path);

// The sweep annotations of a run file (RunMetadata::sweep), without reading its series: what a
// resumed sweep checks to know whether a run is done. Empty when the file is missing or is
// not a readable run file (a sweep then runs it again).
std::map<std::string, std::string> read_sweep_annotations(const std::string& path);

// Names of the series in a run file, in the order they were written, without reading their
// values. Throws as read_run_file does.
std::vector<std::string> list_series(const std::string& path);

}  // namespace chokepoint
