#pragma once

// The per-target fit as `fit` and `calibrate` print it: an aligned table for people, CSV with
// full-precision numbers for scripts.

#include <string>
#include <vector>

#include "chokepoint/calibration/targets.hpp"

namespace chokepoint::cli {

std::string fit_table_text(const std::vector<Target>& targets, const std::vector<TargetFit>& fits);
std::string fit_table_csv(const std::vector<Target>& targets, const std::vector<TargetFit>& fits);

}  // namespace chokepoint::cli
