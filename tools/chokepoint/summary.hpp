#pragma once

#include <cstdio>
#include <string>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint::cli {

// The short table printed after a run: the target's controlled imports by shipping state in
// the first and last year, the focus group's share, prices, shortages, intermediaries and
// designations. Works from the record alone, so any result file can be summarised.
void print_summary(std::FILE* out, const RunRecord& record, const std::string& focus_label);

}  // namespace chokepoint::cli
