#pragma once

// What a RunRecord must satisfy before a byte of it is written, so that a bad record fails with
// a message about the record rather than an HDF5 error halfway through a file.

#include <string>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint::output::detail {

// The dataset holding the labels of an axis that also has numeric values.
std::string label_dataset_name(const Axis& axis);
bool has_label_dataset(const Axis& axis);

// Throws OutputError naming the first problem: an empty, duplicate or reserved name, a name with
// '/', an axis whose labels and values differ in length, a series over an unknown axis or whose
// value count does not match its shape, an integer series holding a non-integer.
void check_writable(const RunRecord& record);

}  // namespace chokepoint::output::detail
