// Valid scenarios load with the values written and the documented defaults.

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::Distribution;
using chokepoint::load_scenario_text;
using chokepoint::ScenarioDescription;

const std::string kMinimal = R"(
name: minimal
calendar: {start: 2022-01, steps: 24}
target: RU
states:
  - code: RU
  - code: CN
sectors:
  - code: chips
    target_demand: 1000
    base_price: 5
)";

// kMinimal plus `extra` appended at the end (top-level keys).
ScenarioDescription load_with(const std::string& extra) {
  return load_scenario_text(kMinimal + extra, "test.yaml");
}

const std::string kBlocStates = R"(
name: blocs
calendar: {start: 2022-01, steps: 24, step: month}
target: RU
states:
  - {code: RU}
  - {code: US, blocs: [G7, coalition]}
  - {code: CN}
  - {code: DE, blocs: [G7, EU, coalition]}
  - {code: JP, blocs: [G7]}
  - {code: HK, blocs: [greater_china]}
sectors:
  - {code: chips, target_demand: 1000, base_price: 5}
  - {code: tools, target_demand: 10, base_price: 500}
)";

}  // namespace

TEST_CASE("a minimal scenario loads with the documented defaults", "[scenario][loader]") {
  const ScenarioDescription s = load_scenario_text(kMinimal, "minimal.yaml");
  CHECK(s.name == "minimal");
  CHECK(s.source_path.empty());
  CHECK(s.seed == 1);
  CHECK(s.calendar.start_year == 2022);
  CHECK(s.calendar.start_month == 1);
  CHECK(s.calendar.steps == 24);
  CHECK(s.calendar.months_per_step == 1);
  CHECK(s.target == 0);
  REQUIRE(s.states.size() == 2);
  CHECK(s.states[1].code == "CN");
  CHECK(s.states[1].name == "CN");  // name defaults to the code
  CHECK(s.states[1].blocs.empty());
  REQUIRE(s.sectors.size() == 1);
  const chokepoint::SectorDesc& chips = s.sectors[0];
  CHECK(chips.code == "chips");
  CHECK(chips.name == "chips");
  CHECK(chips.controlled);
  CHECK(chips.coalition_ip_dependence == 0.9);
  CHECK(chips.target_demand == 1000.0);
  CHECK(chips.base_price == 5.0);
  CHECK(chips.price_elasticity == 0.5);
  CHECK(chips.learning_rate == 0.1);
  CHECK(chips.capex_per_unit == 10.0);
  CHECK(s.firms.empty());
  CHECK(s.intermediaries.empty());
  CHECK(s.buyers.empty());
  CHECK(s.policies.export_controls.empty());
  CHECK(s.policies.secondary_sanctions.empty());
  CHECK(s.policies.import_quotas.empty());
  CHECK(s.policies.import_subsidies.empty());
  CHECK(s.behaviour.time_to_build == 12);
  CHECK(s.behaviour.markup_max == 1.0);
  CHECK(s.report.focus_group.empty());
  CHECK(s.report.focus_name == "focus");
  CHECK(s.report.price_base_start == 0);
  CHECK(s.report.price_base_end == 12);
  CHECK_FALSE(s.resolved_yaml.empty());
}

TEST_CASE("the target can be any listed state", "[scenario][loader]") {
  std::string text = kMinimal;
  text.replace(text.find("target: RU"), 10, "target: CN");
  CHECK(load_scenario_text(text, "t.yaml").target == 1);
}

TEST_CASE("populations load with values and defaults", "[scenario][loader]") {
  const ScenarioDescription s = load_with(R"(
firms:
  - {state: CN, sector: chips, count: 7, capacity: 100, unit_cost: {uniform: [2, 3]}}
intermediaries:
  - {hub: CN, sector: chips, count: 4, capacity: 50}
buyers:
  - {sector: chips, count: 1e3, origin_aversion: {CN: 0.25}}
)");
  REQUIRE(s.firms.size() == 1);
  const chokepoint::FirmPopulation& firm = s.firms[0];
  CHECK(firm.state == 1);
  CHECK(firm.sector == 0);
  CHECK(firm.count == 7);
  CHECK(firm.capacity.kind == Distribution::Kind::Fixed);
  CHECK(firm.capacity.a == 100.0);
  CHECK(firm.capacity.min > 0.0);  // valid range "> 0"
  CHECK(firm.unit_cost.kind == Distribution::Kind::Uniform);
  CHECK(firm.unit_cost.a == 2.0);
  CHECK(firm.unit_cost.b == 3.0);
  CHECK(firm.quality.a == 0.7);
  CHECK(firm.quality.min == 0.0);
  CHECK(firm.quality.max == 1.0);
  CHECK(firm.coalition_revenue.a == 0.0);
  CHECK(firm.risk_aversion.a == 1.0);
  CHECK(firm.branded_share == 1.0);
  CHECK(firm.compliance.a == 0.0);
  CHECK(firm.compliance.max == 1.0);

  REQUIRE(s.intermediaries.size() == 1);
  const chokepoint::IntermediaryPopulation& trader = s.intermediaries[0];
  CHECK(trader.hub == 1);
  CHECK(trader.markup.a == 0.15);
  CHECK(trader.document_quality.a == 0.5);
  CHECK(trader.detection_rate == 0.01);
  CHECK(trader.logistics_cost == 0.0);
  CHECK(trader.end_use_screening == 1.0);
  CHECK(trader.home_to.empty());
  CHECK(trader.entry.rate == 0.0);
  CHECK(trader.entry.cost == 1e5);
  CHECK(trader.entry.reserve == 4);  // defaults to the count

  REQUIRE(s.buyers.size() == 1);
  const chokepoint::BuyerPopulation& buyer = s.buyers[0];
  CHECK(buyer.count == 1000);
  CHECK(buyer.search == 3);
  CHECK(buyer.loyalty == 0.5);
  REQUIRE(buyer.origin_aversion.size() == 2);  // one per state, zero where not given
  CHECK(buyer.origin_aversion[0] == 0.0);
  CHECK(buyer.origin_aversion[1] == 0.25);
}

TEST_CASE("distribution clamps combine the valid range and the user's", "[scenario][loader]") {
  const ScenarioDescription s = load_with(R"(
firms:
  - state: CN
    sector: chips
    count: 1
    capacity: {lognormal: {median: 500, sigma: 1}, min: 50, max: 5000}
    unit_cost: {normal: {mean: 2, sd: 0.5}}
    quality: {normal: {mean: 0.5, sd: 0.2}, min: -3, max: 0.9}
)");
  const chokepoint::FirmPopulation& firm = s.firms.at(0);
  CHECK(firm.capacity.kind == Distribution::Kind::LogNormal);
  CHECK(firm.capacity.a == 500.0);
  CHECK(firm.capacity.b == 1.0);
  CHECK(firm.capacity.min == 50.0);
  CHECK(firm.capacity.max == 5000.0);
  CHECK(firm.unit_cost.kind == Distribution::Kind::Normal);
  // "> 0" clamps draws to the smallest and largest numbers a file may give.
  CHECK(firm.unit_cost.min == 1e-12);
  CHECK(firm.unit_cost.max == 1e15);
  CHECK(firm.quality.min == 0.0);  // the user's -3 is outside [0, 1]
  CHECK(firm.quality.max == 0.9);
}

TEST_CASE("bloc names expand to their members in state order", "[scenario][loader]") {
  const ScenarioDescription s = load_scenario_text(kBlocStates + R"(
policies:
  export_controls:
    - {name: c, imposers: [JP, coalition], sectors: [tools, chips], start: 2022-03}
  secondary_sanctions:
    - {name: s, imposer: US, on: [greater_china, CN], intensity: 0.1, start: 2022-03}
  import_quotas:
    - {name: q, origins: [G7], sectors: [chips], share: 0.5, start: 2022-03}
report:
  focus_group: [CN, greater_china]
)",
                                                   "blocs.yaml");
  // States: RU 0, US 1, CN 2, DE 3, JP 4, HK 5.
  const auto& control = s.policies.export_controls.at(0);
  CHECK(control.imposers == std::vector<chokepoint::StateIndex>{4, 1, 3});
  CHECK(control.sectors == std::vector<chokepoint::SectorIndex>{1, 0});
  const auto& sanction = s.policies.secondary_sanctions.at(0);
  CHECK(sanction.imposer == 1);
  CHECK(sanction.on_states == std::vector<chokepoint::StateIndex>{5, 2});
  CHECK(sanction.firms);
  CHECK(sanction.intermediaries);
  CHECK(s.policies.import_quotas.at(0).origins == std::vector<chokepoint::StateIndex>{1, 3, 4});
  CHECK(s.report.focus_group == std::vector<chokepoint::StateIndex>{2, 5});
  CHECK(s.in_bloc(3, "EU"));
  CHECK_FALSE(s.in_bloc(1, "EU"));
}

TEST_CASE("policy months convert to steps on a monthly calendar", "[scenario][loader]") {
  const ScenarioDescription s = load_with(R"(
policies:
  export_controls:
    - {name: before, imposers: [CN], sectors: [chips], start: 2021-06, end: 2022-04}
    - {name: inside, imposers: [CN], sectors: [chips], start: "2022-03", end: 2023-01}
    - {name: open, imposers: [CN], sectors: [chips], start: 2022-12}
    - {name: ended, imposers: [CN], sectors: [chips], start: 2020-01, end: 2021-01}
)");
  const auto& controls = s.policies.export_controls;
  REQUIRE(controls.size() == 4);
  CHECK(controls[0].span.start == 0);  // starts before the calendar: counts from step 0
  CHECK(controls[0].span.end == 3);    // exclusive: stops at the start of 2022-04
  CHECK(controls[1].span.start == 2);
  CHECK(controls[1].span.end == 12);
  CHECK(controls[2].span.start == 11);
  CHECK(controls[2].span.end == INT32_MAX);
  CHECK_FALSE(controls[3].span.contains(0));  // over before the run begins
}

TEST_CASE("policy months convert to steps on a quarterly calendar", "[scenario][loader]") {
  std::string text = kMinimal;
  text.replace(text.find("steps: 24}"), 10, "steps: 8, step: quarter}");
  const ScenarioDescription s = load_scenario_text(text + R"(
policies:
  export_controls:
    - {name: a, imposers: [CN], sectors: [chips], start: 2022-01, end: 2022-07}
    - {name: b, imposers: [CN], sectors: [chips], start: 2022-02, end: 2022-05}
    - {name: c, imposers: [CN], sectors: [chips], start: 2022-04, end: 2022-05}
)",
                                                   "quarterly.yaml");
  CHECK(s.calendar.months_per_step == 3);
  // Identical packages may overlap (subsidies on one sector may not).
  const auto& controls = s.policies.export_controls;
  REQUIRE(controls.size() == 3);
  CHECK(controls[0].span.start == 0);
  CHECK(controls[0].span.end == 2);
  // Dated inside a quarter: starts at the next quarter boundary.
  CHECK(controls[1].span.start == 1);
  CHECK(controls[1].span.end == 2);
  CHECK(controls[2].span.start == 1);
  CHECK(controls[2].span.end == 2);
  // Default price base: the first year (4 quarters), or all steps if fewer.
  CHECK(s.report.price_base_end == 4);
}

TEST_CASE("the price base is an inclusive range of months", "[scenario][loader]") {
  const ScenarioDescription s = load_with("report: {price_base: {from: 2022-04, to: 2022-06}}\n");
  CHECK(s.report.price_base_start == 3);
  CHECK(s.report.price_base_end == 6);
}

TEST_CASE("quotas, sanctions and subsidies read their own keys", "[scenario][loader]") {
  const ScenarioDescription s = load_with(R"(
policies:
  import_quotas:
    - {name: by_volume, origins: [CN], sectors: [chips], volume: 0, start: 2022-03}
    - {name: by_share, origins: [CN], sectors: [chips], share: 0.25, start: 2022-03}
  secondary_sanctions:
    - name: firms_only
      imposer: CN
      on: [RU]
      applies_to: [firms]
      intensity: 0
      start: 2022-01
  import_substitution_subsidies:
    - {name: sub, sectors: [chips], production_rate: 0.3, annual_budget: 5e8, start: 2022-01}
)");
  const auto& quotas = s.policies.import_quotas;
  REQUIRE(quotas.size() == 2);
  CHECK(quotas[0].cap_kind == chokepoint::ImportQuota::Cap::Volume);
  CHECK(quotas[0].cap == 0.0);
  CHECK(quotas[1].cap_kind == chokepoint::ImportQuota::Cap::Share);
  CHECK(quotas[1].cap == 0.25);
  const auto& sanction = s.policies.secondary_sanctions.at(0);
  CHECK(sanction.firms);
  CHECK_FALSE(sanction.intermediaries);
  CHECK(sanction.penalty_months == 24.0);
  const auto& subsidy = s.policies.import_subsidies.at(0);
  CHECK(subsidy.production_rate == 0.3);
  CHECK(subsidy.investment_rate == 0.0);
  CHECK(subsidy.annual_budget == 5e8);
}

TEST_CASE("behaviour keys override their defaults one by one", "[scenario][loader]") {
  const ScenarioDescription s = load_with(R"(
behaviour:
  markup_min: 0.1
  initial_markup: 0.2
  time_to_build: 0
  loyal_slots: 5
  channel_noise: 0.5
)");
  const chokepoint::Behaviour defaults;
  CHECK(s.behaviour.markup_min == 0.1);
  CHECK(s.behaviour.initial_markup == 0.2);
  CHECK(s.behaviour.time_to_build == 0);
  CHECK(s.behaviour.loyal_slots == 5);
  CHECK(s.behaviour.channel_noise == 0.5);
  CHECK(s.behaviour.markup_max == defaults.markup_max);
  CHECK(s.behaviour.rationing_rounds == defaults.rationing_rounds);
}

TEST_CASE("large seeds, anchors and quoted strings are accepted", "[scenario][loader]") {
  const ScenarioDescription s = load_scenario_text(R"(
name: "quoted: name"
seed: 18446744073709551615
calendar: &cal {start: 2022-01, steps: 24}
target: RU
states: [{code: RU, name: 'Russia'}, {code: CN}]
sectors:
  - &chips {code: chips, target_demand: 1000, base_price: 5}
)",
                                                   "anchors.yaml");
  CHECK(s.name == "quoted: name");
  CHECK(s.seed == 18446744073709551615ull);
  CHECK(s.states[0].name == "Russia");
}

TEST_CASE("load_scenario_file records the path", "[scenario][loader]") {
  const std::string path = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/good/minimal.yaml";
  const ScenarioDescription s = chokepoint::load_scenario_file(path);
  CHECK(s.source_path == path);
  CHECK(s.name == "minimal");
}

TEST_CASE("hubs lists intermediary host states in order of first use", "[scenario]") {
  ScenarioDescription s;
  CHECK(s.hubs().empty());
  s.intermediaries.resize(4);
  s.intermediaries[0].hub = 3;
  s.intermediaries[1].hub = 1;
  s.intermediaries[2].hub = 3;
  s.intermediaries[3].hub = 2;
  CHECK(s.hubs() == std::vector<chokepoint::StateIndex>{3, 1, 2});
}

TEST_CASE("in_bloc is false for unknown states and blocs", "[scenario]") {
  ScenarioDescription s;
  s.states.push_back({"US", "United States", {"G7"}});
  CHECK(s.in_bloc(0, "G7"));
  CHECK_FALSE(s.in_bloc(0, "EU"));
  CHECK_FALSE(s.in_bloc(5, "G7"));
}
