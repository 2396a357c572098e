#pragma once

// The body every array file of ours shares: named axes as netCDF coordinate variables and
// series over them with units, long names and `dims`, in a file written to "<path>.tmp" and
// renamed when complete. A run file adds its metadata at the root; a calibration history adds
// its own.

#include <hdf5.h>

#include <functional>
#include <string>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint::output::detail {

// Writes the axes and series of `arrays` (its metadata is ignored) after `write_root`, which
// gets the root group to add attributes and datasets to. Throws OutputError prefixed by
// `context` ("cannot write run file 'x': "); nothing is left behind then.
void write_arrays_file(const std::string& path, const RunRecord& arrays,
                       const std::function<void(hid_t root)>& write_root,
                       const std::string& context);

}  // namespace chokepoint::output::detail
