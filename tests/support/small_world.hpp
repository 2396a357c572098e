#pragma once

// A small world for behaviour and determinism tests: a target, two coalition makers, China,
// two hubs, two controlled sectors and one uncontrolled. A few hundred agents, 36 monthly
// steps: each run takes well under a second.

#include <string>

#include "chokepoint/output/run_record.hpp"
#include "chokepoint/scenario/description.hpp"

namespace chokepoint::testing {

// The world's YAML with `policies_yaml` (already indented under "policies:") appended.
// `scale` multiplies every population (and demand), e.g. to run in several parallel blocks.
std::string small_world_yaml(const std::string& policies_yaml = "", std::uint64_t seed = 7,
                             int scale = 1);

ScenarioDescription small_world(const std::string& policies_yaml = "", std::uint64_t seed = 7,
                                int scale = 1);

RunRecord run_small_world(const std::string& policies_yaml = "", int threads = 1,
                          std::uint64_t seed = 7, int scale = 1);

// Sum of a series over steps [from, to) and the elements selected by `select(index tuple)`.
// Index tuples are the series' non-time coordinates, in dims order.
double sum_over(const RunRecord& record, const std::string& series, int from, int to,
                const std::vector<std::string>& labels_wanted = {});

int steps_of(const RunRecord& record);

// sum_over the last 12 steps of the run (the last year of a monthly run).
double last_year(const RunRecord& record, const std::string& series,
                 const std::vector<std::string>& labels_wanted = {});

// Coalition export controls on chips and network equipment from 2021-07 (90% coverage, weak
// end-use checks), as lines under "policies:": the common setting of the behaviour tests.
extern const std::string kCoalitionControls;

}  // namespace chokepoint::testing
