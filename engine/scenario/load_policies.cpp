#include "scenario/detail/sections.hpp"

#include <string>
#include <utility>

#include "scenario/detail/check_overlaps.hpp"
#include "scenario/detail/dates.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Policy names label every output series, so they must be unique across all instruments.
// Each entry's name and where it was written are kept for checks made after reading.
class PolicyNames {
 public:
  std::string read(MapReader& map) {
    Value value = map.required("name");
    std::string name = value.string();
    for (const PolicyEntry& earlier : seen_) {
      if (earlier.name == name)
        value.fail("duplicate policy name \"" + name + "\" (also used by " + earlier.path + ")");
    }
    seen_.push_back({map.path(), name, value.location()});
    return name;
  }
  const PolicyEntry& last() const { return seen_.back(); }

 private:
  std::vector<PolicyEntry> seen_;
};

struct Context {
  const Names& names;
  const Calendar& calendar;
  PolicyNames& policy_names;
  StateIndex target;
  PolicyEntries& entries;
};

ExportControl read_export_control(MapReader& map, const Context& context) {
  ExportControl control;
  control.name = context.policy_names.read(map);
  Value imposers = map.required("imposers");
  control.imposers = context.names.states_or_blocs(imposers, /*allow_empty=*/false);
  Value sectors = map.required("sectors");
  control.sectors = context.names.sectors(sectors);
  control.coverage = map.optional_number("coverage", 1.0, NumberRange::open_closed(0.0, 1.0));
  control.end_use_checks = map.optional_number("end_use_checks", 0.5, NumberRange::unit());
  control.span = read_span(map, context.calendar);
  map.finish();
  return control;
}

// applies_to: a non-empty subset of [firms, intermediaries, banks]; without it, firms and
// intermediaries (the designations of MODEL.md 4.2-4.3).
void read_applies_to(MapReader& map, SecondarySanction& sanction) {
  auto applies_to = map.find("applies_to");
  if (!applies_to) {
    YAML::Node both(YAML::NodeType::Sequence);
    both.push_back("firms");
    both.push_back("intermediaries");
    both.SetStyle(YAML::EmitterStyle::Flow);
    map.write("applies_to", both);
    return;
  }
  sanction.firms = false;
  sanction.intermediaries = false;
  sanction.banks = false;
  for (Value& item : applies_to->list(/*allow_empty=*/false, /*flow=*/true)) {
    const std::string kind = item.string();
    bool* flag = kind == "firms"            ? &sanction.firms
                 : kind == "intermediaries" ? &sanction.intermediaries
                 : kind == "banks"          ? &sanction.banks
                                            : nullptr;
    if (flag == nullptr) {
      item.fail("expected firms, intermediaries or banks, found \"" + kind + "\"" +
                suggestion_suffix(kind, {"firms", "intermediaries", "banks"}, "valid values are"));
    }
    if (*flag) item.fail("\"" + kind + "\" is listed twice");
    *flag = true;
  }
}

// `payments:` belongs to a sanction on banks; elsewhere it would silently do nothing.
void read_payments(MapReader& map, SecondarySanction& sanction) {
  if (!sanction.banks) {
    if (auto payments = map.find("payments"))
      payments->fail(
          "payments apply only to sanctions on banks; add banks to applies_to or "
          "remove payments");
    return;
  }
  MapReader payments = map.optional_map("payments");
  payments.use_flow_style();
  const PaymentDisruption defaults;
  PaymentDisruption& read = sanction.payments;
  read.rejection = payments.optional_number("rejection", defaults.rejection, NumberRange::unit());
  read.extra_cost =
      payments.optional_number("extra_cost", defaults.extra_cost, NumberRange::at_least(0.0));
  read.adaptation_months = payments.optional_number("adaptation_months", defaults.adaptation_months,
                                                    NumberRange::above(0.0));
  read.agent_premium = payments.optional_number("agent_premium", defaults.agent_premium,
                                                NumberRange::closed(0.0, 10.0));
  payments.finish();
}

SecondarySanction read_secondary_sanction(MapReader& map, const Context& context) {
  SecondarySanction sanction;
  sanction.name = context.policy_names.read(map);
  Value imposer = map.required("imposer");
  sanction.imposer = context.names.state(imposer);
  Value on = map.required("on");
  sanction.on_states = context.names.states_or_blocs(on, /*allow_empty=*/false);
  read_applies_to(map, sanction);
  if (auto sectors = map.find("sectors")) {
    sanction.sectors = context.names.sectors(*sectors);
  } else {
    for (SectorIndex k = 0; k < context.names.sector_count(); ++k)
      sanction.sectors.push_back(k);
  }
  // Designations need a hazard; a sanction on banks alone designates no one.
  sanction.intensity = sanction.firms || sanction.intermediaries
                           ? map.required_number("intensity", NumberRange::at_least(0.0))
                           : map.optional_number("intensity", 0.0, NumberRange::at_least(0.0));
  sanction.penalty_months = map.optional_number("penalty_months", 24.0, NumberRange::at_least(0.0));
  read_payments(map, sanction);
  sanction.span = read_span(map, context.calendar);
  sanction.start_month = read_start_month(map);
  map.finish();
  return sanction;
}

ImportQuota read_import_quota(MapReader& map, const Context& context) {
  ImportQuota quota;
  quota.name = context.policy_names.read(map);
  Value origins = map.required("origins");
  quota.origins = context.names.states_or_blocs(origins, /*allow_empty=*/false);
  Value sectors = map.required("sectors");
  quota.sectors = context.names.sectors(sectors);
  auto share = map.find("share");
  auto volume = map.find("volume");
  if (share && volume) volume->fail("give either share or volume, not both");
  if (share) {
    quota.cap_kind = ImportQuota::Cap::Share;
    quota.cap = share->number(NumberRange::open_closed(0.0, 1.0));
  } else if (volume) {
    quota.cap_kind = ImportQuota::Cap::Volume;
    quota.cap = volume->number(NumberRange::at_least(0.0));
  }
  quota.span = read_span(map, context.calendar);
  if (!share && !volume) {
    map.finish();  // a misspelt "shares" is reported as such
    map.fail("missing required key \"share\" or \"volume\" (give exactly one)");
  }
  map.finish();
  return quota;
}

AdaptiveQuota read_adaptive_quota(MapReader& map, const Context& context) {
  AdaptiveQuota rule;
  rule.name = context.policy_names.read(map);
  Value sectors = map.required("sectors");
  rule.sectors = context.names.sectors(sectors);
  rule.threshold = map.required_number("threshold", NumberRange::open_closed(0.0, 1.0));
  rule.cap = map.required_number("cap", NumberRange::open_closed(0.0, 1.0));
  rule.span = read_span(map, context.calendar);
  map.finish();
  return rule;
}

ImportSubsidy read_import_subsidy(MapReader& map, const Context& context) {
  ImportSubsidy subsidy;
  subsidy.name = context.policy_names.read(map);
  Value sectors = map.required("sectors");
  subsidy.sectors = context.names.sectors(sectors);
  subsidy.production_rate =
      map.optional_number("production_rate", 0.0, NumberRange::closed(0.0, 0.95));
  subsidy.investment_rate = map.optional_number("investment_rate", 0.0, NumberRange::unit());
  subsidy.annual_budget = map.required_number("annual_budget", NumberRange::at_least(0.0));
  subsidy.guaranteed_offtake = map.optional_number("guaranteed_offtake", 0.0, NumberRange::unit());
  subsidy.span = read_span(map, context.calendar);
  map.finish();
  return subsidy;
}

Tariff read_tariff(MapReader& map, const Context& context) {
  Tariff tariff;
  tariff.name = context.policy_names.read(map);
  Value origins = map.required("origins");
  tariff.origins = context.names.states_or_blocs(origins, /*allow_empty=*/false);
  Value sectors = map.required("sectors");
  tariff.sectors = context.names.sectors(sectors);
  tariff.rate = map.required_number("rate", NumberRange::closed(0.0, 10.0));
  tariff.span = read_span(map, context.calendar);
  map.finish();
  return tariff;
}

UnbrandedLimit read_unbranded_limit(MapReader& map, const Context& context) {
  UnbrandedLimit limit;
  limit.name = context.policy_names.read(map);
  Value sectors = map.required("sectors");
  limit.sectors = context.names.sectors(sectors);
  limit.max_share = map.required_number("max_share", NumberRange::unit());
  limit.span = read_span(map, context.calendar);
  map.finish();
  return limit;
}

// The budget and the escalation rule are optional: absent means no budget limit and no
// escalation, and they stay absent in the resolved scenario.
Enforcement read_enforcement(MapReader& map, const Context& context) {
  Enforcement enforcement;
  enforcement.name = context.policy_names.read(map);
  Value hubs = map.required("hubs");
  enforcement.hubs = context.names.states_or_blocs(hubs, /*allow_empty=*/false);
  enforcement.intensity = map.required_number("intensity", NumberRange::closed(0.0, 100.0));
  enforcement.cost = map.optional_number("cost", 0.0, NumberRange::at_least(0.0));
  if (map.has("annual_budget")) {
    enforcement.has_budget = true;
    enforcement.annual_budget = map.required_number("annual_budget", NumberRange::at_least(0.0));
  }
  if (map.has("escalation")) {
    MapReader escalation = map.optional_map("escalation");
    escalation.use_flow_style();
    enforcement.escalates = true;
    enforcement.trigger_ratio =
        escalation.optional_number("trigger_ratio", 2.0, NumberRange::at_least(1.0));
    enforcement.trigger_floor =
        escalation.optional_number("trigger_floor", 0.0, NumberRange::at_least(0.0));
    enforcement.increment =
        escalation.required_number("increment", NumberRange::closed(0.0, 100.0));
    enforcement.max_extra =
        escalation.optional_number("max_extra", 5.0, NumberRange::closed(0.0, 100.0));
    escalation.finish();
  }
  enforcement.span = read_span(map, context.calendar);
  map.finish();
  return enforcement;
}

// origins: the home states of the firms covered; absent means every foreign state, written
// back as that list so the resolved scenario says which firms the rule reaches.
std::vector<StateIndex> read_local_content_origins(MapReader& map, const Context& context) {
  const std::string& target = context.names.state_code(context.target);
  if (auto origins = map.find("origins")) {
    std::vector<StateIndex> states = context.names.states_or_blocs(*origins, /*allow_empty=*/false);
    for (const StateIndex state : states)
      if (state == context.target)
        origins->fail("origins include the target " + target +
                      ": a local-content rule covers foreign firms only; remove " + target);
    return states;
  }
  std::vector<StateIndex> foreign;
  YAML::Node written(YAML::NodeType::Sequence);
  for (StateIndex state = 0; state < context.names.state_count(); ++state) {
    if (state == context.target) continue;
    foreign.push_back(state);
    written.push_back(context.names.state_code(state));
  }
  written.SetStyle(YAML::EmitterStyle::Flow);
  map.write("origins", written);
  return foreign;
}

LocalContentRule read_local_content(MapReader& map, const Context& context) {
  LocalContentRule rule;
  rule.name = context.policy_names.read(map);
  Value sectors = map.required("sectors");
  rule.sectors = context.names.sectors(sectors);
  rule.origins = read_local_content_origins(map, context);
  // A share of 0 would never act: like a start after the calendar, a mistake, not a no-op.
  rule.share = map.required_number("share", NumberRange::open_closed(0.0, 1.0));
  rule.phase_in_months = map.optional_number("phase_in_months", 12.0, NumberRange::at_least(0.0));
  rule.cost_premium = map.optional_number("cost_premium", 0.15, NumberRange::at_least(0.0));
  rule.span = read_span(map, context.calendar, &rule.start_month);
  map.finish();
  return rule;
}

template <typename Policy, typename ReadOne>
std::vector<Policy> read_list(MapReader& policies, std::string_view key, const Context& context,
                              ReadOne read_one) {
  std::vector<Policy> result;
  std::vector<PolicyEntry>& entries = context.entries[std::string(key)];
  for (Value& item : policies.optional_list(key)) {
    MapReader map = item.map();
    result.push_back(read_one(map, context));
    entries.push_back(context.policy_names.last());
  }
  return result;
}

}  // namespace

Policies load_policies(MapReader& map, const Names& names, const Calendar& calendar,
                       StateIndex target) {
  PolicyNames policy_names;
  PolicyEntries entries;
  const Context context{names, calendar, policy_names, target, entries};
  Policies policies;
  policies.export_controls =
      read_list<ExportControl>(map, "export_controls", context, read_export_control);
  policies.secondary_sanctions =
      read_list<SecondarySanction>(map, "secondary_sanctions", context, read_secondary_sanction);
  policies.import_quotas = read_list<ImportQuota>(map, "import_quotas", context, read_import_quota);
  policies.adaptive_quotas =
      read_list<AdaptiveQuota>(map, "adaptive_quotas", context, read_adaptive_quota);
  policies.import_subsidies =
      read_list<ImportSubsidy>(map, "import_substitution_subsidies", context, read_import_subsidy);
  policies.tariffs = read_list<Tariff>(map, "tariffs", context, read_tariff);
  policies.enforcement = read_list<Enforcement>(map, "enforcement", context, read_enforcement);
  policies.local_content =
      read_list<LocalContentRule>(map, "local_content", context, read_local_content);
  policies.unbranded_limits =
      read_list<UnbrandedLimit>(map, "unbranded_limits", context, read_unbranded_limit);
  map.finish();
  check_overlaps(policies, entries, names, calendar);
  return policies;
}

}  // namespace chokepoint::scenario_detail
