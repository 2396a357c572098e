#include "chokepoint/phases/decision_rules.hpp"
#include "chokepoint/phases/step_context.hpp"

namespace chokepoint {

// Phase 1: scheduled instruments switch on and off (serial and cheap: O(policies x sectors)).
void apply_policies(StepContext& context) {
  const ScenarioDescription& scenario = context.scenario;
  apply_export_controls(scenario, context.step, context.policy);
  apply_secondary_sanctions(scenario, context.step, context.policy);
  apply_import_quotas(scenario, context.step, context.history, context.policy);
  apply_import_subsidies(scenario, context.step, context.policy);
  apply_tariffs(scenario, context.step, context.policy);
  apply_enforcement(scenario, context.step, context.months, context.history, context.policy);
  // Firms plan local plants for the share required when a plant started now would open.
  const std::int32_t lookahead = steps_to_build(scenario.behaviour.time_to_build, context.months);
  apply_local_content(scenario, context.step, lookahead, context.policy);
  apply_unbranded_limits(scenario, context.step, context.history, context.policy);
}

}  // namespace chokepoint
