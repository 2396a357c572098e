#pragma once

// One trader's per-step detection hazard, from its hub's enforcement, the secondary sanctions
// on its hub and its papers: what settlement draws detections from (at the trader's actual
// anomaly) and what the trader prices its risk premium on when it makes its offer (at none).

#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"

namespace chokepoint {

inline double trader_hazard(const StepContext& context, std::size_t slot, double anomaly) {
  const World& world = context.world;
  const Pool& pool = world.pools[world.intermediaries.pool[slot]];
  const IntermediaryPopulation& population = context.scenario.intermediaries[pool.population];
  const PolicyState& policy = context.policy;
  // Hazards are monthly: a quarterly step applies three months of them.
  return detection_hazard(
      population.detection_rate * context.months, policy.enforcement[pool.hub], anomaly,
      context.scenario.behaviour.anomaly_weight, world.intermediaries.document_quality[slot],
      policy.intermediary_sanction_intensity[policy.at(pool.hub, pool.sector)] * context.months);
}

}  // namespace chokepoint
