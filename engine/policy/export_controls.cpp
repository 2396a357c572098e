#include "chokepoint/policy/policy_state.hpp"

#include <algorithm>

namespace chokepoint {

// Where several controls cover the same state and sector (e.g. successive packages), the
// widest coverage applies, and the end-use checks of that widest package. Equally wide
// packages with different checks are refused by the loader (scenario/check_overlaps.cpp).
void apply_export_controls(const ScenarioDescription& scenario, std::int32_t step,
                           PolicyState& policy) {
  std::fill(policy.control_coverage.begin(), policy.control_coverage.end(), 0.0);
  std::fill(policy.control_end_use_checks.begin(), policy.control_end_use_checks.end(), 0.0);
  std::fill(policy.input_control.begin(), policy.input_control.end(), 0.0);
  for (const ExportControl& control : scenario.policies.export_controls) {
    if (!control.span.contains(step)) continue;
    for (SectorIndex sector : control.sectors) {
      policy.input_control[sector] = std::max(policy.input_control[sector], control.coverage);
      for (StateIndex imposer : control.imposers) {
        const std::size_t i = policy.at(imposer, sector);
        if (control.coverage >= policy.control_coverage[i]) {
          policy.control_coverage[i] = control.coverage;
          policy.control_end_use_checks[i] = control.end_use_checks;
        }
      }
    }
  }
}

}  // namespace chokepoint
