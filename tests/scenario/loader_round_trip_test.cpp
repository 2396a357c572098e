// The resolved scenario is complete: loading it again gives the same description, and it
// shows the seed actually used. The examples in docs/SCENARIO_FORMAT.md load as written.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chokepoint/scenario/loader.hpp"

namespace {

using chokepoint::Distribution;
using chokepoint::ScenarioDescription;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The bodies of the ```yaml blocks of a Markdown file.
std::vector<std::string> yaml_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::istringstream lines(markdown);
  std::string line;
  std::string block;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (!inside && line == "```yaml") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  REQUIRE_FALSE(inside);  // an unclosed block would silently be skipped
  return blocks;
}

void check_same(const Distribution& a, const Distribution& b) {
  CHECK(a.kind == b.kind);
  CHECK(a.a == b.a);
  CHECK(a.b == b.b);
  CHECK(a.min == b.min);
  CHECK(a.max == b.max);
}

void check_same(const chokepoint::ActiveSpan& a, const chokepoint::ActiveSpan& b) {
  CHECK(a.start == b.start);
  CHECK(a.end == b.end);
}

// Field by field, so a failure names the field that did not survive the round trip.
void check_same(const ScenarioDescription& a, const ScenarioDescription& b) {
  CHECK(a.name == b.name);
  CHECK(a.seed == b.seed);
  CHECK(a.target == b.target);
  CHECK(a.calendar.start_year == b.calendar.start_year);
  CHECK(a.calendar.start_month == b.calendar.start_month);
  CHECK(a.calendar.months_per_step == b.calendar.months_per_step);
  CHECK(a.calendar.steps == b.calendar.steps);
  REQUIRE(a.states.size() == b.states.size());
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    CHECK(a.states[i].code == b.states[i].code);
    CHECK(a.states[i].name == b.states[i].name);
    CHECK(a.states[i].blocs == b.states[i].blocs);
  }
  REQUIRE(a.sectors.size() == b.sectors.size());
  for (std::size_t i = 0; i < a.sectors.size(); ++i) {
    const auto& x = a.sectors[i];
    const auto& y = b.sectors[i];
    CHECK(x.code == y.code);
    CHECK(x.name == y.name);
    CHECK(x.controlled == y.controlled);
    CHECK(x.coalition_ip_dependence == y.coalition_ip_dependence);
    CHECK(x.target_demand == y.target_demand);
    CHECK(x.base_price == y.base_price);
    CHECK(x.price_elasticity == y.price_elasticity);
    CHECK(x.learning_rate == y.learning_rate);
    CHECK(x.capex_per_unit == y.capex_per_unit);
  }
  REQUIRE(a.firms.size() == b.firms.size());
  for (std::size_t i = 0; i < a.firms.size(); ++i) {
    const auto& x = a.firms[i];
    const auto& y = b.firms[i];
    CHECK(x.state == y.state);
    CHECK(x.sector == y.sector);
    CHECK(x.count == y.count);
    check_same(x.capacity, y.capacity);
    check_same(x.unit_cost, y.unit_cost);
    check_same(x.quality, y.quality);
    check_same(x.coalition_revenue, y.coalition_revenue);
    check_same(x.risk_aversion, y.risk_aversion);
    CHECK(x.branded_share == y.branded_share);
  }
  REQUIRE(a.intermediaries.size() == b.intermediaries.size());
  for (std::size_t i = 0; i < a.intermediaries.size(); ++i) {
    const auto& x = a.intermediaries[i];
    const auto& y = b.intermediaries[i];
    CHECK(x.hub == y.hub);
    CHECK(x.sector == y.sector);
    CHECK(x.count == y.count);
    check_same(x.capacity, y.capacity);
    check_same(x.markup, y.markup);
    check_same(x.document_quality, y.document_quality);
    CHECK(x.detection_rate == y.detection_rate);
    CHECK(x.entry.rate == y.entry.rate);
    CHECK(x.entry.cost == y.entry.cost);
    CHECK(x.entry.reserve == y.entry.reserve);
  }
  REQUIRE(a.buyers.size() == b.buyers.size());
  for (std::size_t i = 0; i < a.buyers.size(); ++i) {
    const auto& x = a.buyers[i];
    const auto& y = b.buyers[i];
    CHECK(x.sector == y.sector);
    CHECK(x.count == y.count);
    CHECK(x.demand_dispersion == y.demand_dispersion);
    CHECK(x.price_sensitivity == y.price_sensitivity);
    CHECK(x.quality_weight == y.quality_weight);
    CHECK(x.reliability_weight == y.reliability_weight);
    CHECK(x.loyalty == y.loyalty);
    CHECK(x.search == y.search);
    CHECK(x.origin_aversion == y.origin_aversion);
  }
  const auto& pa = a.policies;
  const auto& pb = b.policies;
  REQUIRE(pa.export_controls.size() == pb.export_controls.size());
  for (std::size_t i = 0; i < pa.export_controls.size(); ++i) {
    const auto& x = pa.export_controls[i];
    const auto& y = pb.export_controls[i];
    CHECK(x.name == y.name);
    CHECK(x.imposers == y.imposers);
    CHECK(x.sectors == y.sectors);
    CHECK(x.coverage == y.coverage);
    CHECK(x.end_use_checks == y.end_use_checks);
    check_same(x.span, y.span);
  }
  REQUIRE(pa.secondary_sanctions.size() == pb.secondary_sanctions.size());
  for (std::size_t i = 0; i < pa.secondary_sanctions.size(); ++i) {
    const auto& x = pa.secondary_sanctions[i];
    const auto& y = pb.secondary_sanctions[i];
    CHECK(x.name == y.name);
    CHECK(x.imposer == y.imposer);
    CHECK(x.on_states == y.on_states);
    CHECK(x.firms == y.firms);
    CHECK(x.intermediaries == y.intermediaries);
    CHECK(x.intensity == y.intensity);
    CHECK(x.penalty_months == y.penalty_months);
    check_same(x.span, y.span);
  }
  REQUIRE(pa.import_quotas.size() == pb.import_quotas.size());
  for (std::size_t i = 0; i < pa.import_quotas.size(); ++i) {
    const auto& x = pa.import_quotas[i];
    const auto& y = pb.import_quotas[i];
    CHECK(x.name == y.name);
    CHECK(x.origins == y.origins);
    CHECK(x.sectors == y.sectors);
    CHECK(x.cap_kind == y.cap_kind);
    CHECK(x.cap == y.cap);
    check_same(x.span, y.span);
  }
  REQUIRE(pa.import_subsidies.size() == pb.import_subsidies.size());
  for (std::size_t i = 0; i < pa.import_subsidies.size(); ++i) {
    const auto& x = pa.import_subsidies[i];
    const auto& y = pb.import_subsidies[i];
    CHECK(x.name == y.name);
    CHECK(x.sectors == y.sectors);
    CHECK(x.production_rate == y.production_rate);
    CHECK(x.investment_rate == y.investment_rate);
    CHECK(x.annual_budget == y.annual_budget);
    check_same(x.span, y.span);
  }
  const auto& ba = a.behaviour;
  const auto& bb = b.behaviour;
  CHECK(ba.target_utilisation == bb.target_utilisation);
  CHECK(ba.markup_adjustment == bb.markup_adjustment);
  CHECK(ba.markup_min == bb.markup_min);
  CHECK(ba.markup_max == bb.markup_max);
  CHECK(ba.initial_markup == bb.initial_markup);
  CHECK(ba.wholesale_discount == bb.wholesale_discount);
  CHECK(ba.channel_inertia == bb.channel_inertia);
  CHECK(ba.channel_noise == bb.channel_noise);
  CHECK(ba.visibility_direct == bb.visibility_direct);
  CHECK(ba.visibility_intermediary == bb.visibility_intermediary);
  CHECK(ba.visibility_unbranded == bb.visibility_unbranded);
  CHECK(ba.visibility_volume_scale == bb.visibility_volume_scale);
  CHECK(ba.all_in_propensity == bb.all_in_propensity);
  CHECK(ba.invest_utilisation == bb.invest_utilisation);
  CHECK(ba.invest_hurdle == bb.invest_hurdle);
  CHECK(ba.invest_growth == bb.invest_growth);
  CHECK(ba.time_to_build == bb.time_to_build);
  CHECK(ba.experience_months == bb.experience_months);
  CHECK(ba.anomaly_weight == bb.anomaly_weight);
  CHECK(ba.loyal_slots == bb.loyal_slots);
  CHECK(ba.rationing_rounds == bb.rationing_rounds);
  CHECK(a.report.focus_group == b.report.focus_group);
  CHECK(a.report.focus_name == b.report.focus_name);
  CHECK(a.report.price_base_start == b.report.price_base_start);
  CHECK(a.report.price_base_end == b.report.price_base_end);
}

void check_round_trip(const ScenarioDescription& original) {
  const ScenarioDescription again =
      chokepoint::load_scenario_text(original.resolved_yaml, "resolved.yaml");
  check_same(original, again);
  // Resolving is a fixed point: nothing is added or changed the second time.
  CHECK(again.resolved_yaml == original.resolved_yaml);
}

const std::string kData = CHOKEPOINT_TEST_DATA_DIR;

}  // namespace

TEST_CASE("resolved_yaml loads back to the same description", "[scenario][loader]") {
  for (const char* name : {"minimal.yaml", "full.yaml"}) {
    INFO(name);
    check_round_trip(chokepoint::load_scenario_file(kData + "/good/" + name));
  }
}

TEST_CASE("resolved_yaml spells out defaults and keeps numbers exact", "[scenario][loader]") {
  const ScenarioDescription s = chokepoint::load_scenario_text(R"(
name: exact
description: "line one\nline two: with a colon"
calendar: {start: 2022-01, steps: 3}
target: RU
states: [{code: RU, name: "~"}, {code: CN, name: "true"}]
sectors:
  - {code: chips, target_demand: 0.1, base_price: 3.141592653589793, capex_per_unit: 1e-7}
firms:
  - state: CN
    sector: chips
    count: 1
    capacity: 123456789.123
    unit_cost: {lognormal: {median: 0.3, sigma: 0.1}}
)",
                                                               "exact.yaml");
  CHECK_THAT(s.resolved_yaml, Catch::Contains("price_elasticity: 0.5"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("seed: 1"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("to: 2022-03"));  // price base: all 3 steps
  check_round_trip(s);
  const ScenarioDescription again =
      chokepoint::load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.states[0].name == "~");
  CHECK(again.states[1].name == "true");
  CHECK(again.sectors[0].base_price == 3.141592653589793);
  CHECK(again.sectors[0].capex_per_unit == 1e-7);
}

TEST_CASE("override_seed changes the seed and the recorded scenario", "[scenario][loader]") {
  ScenarioDescription s = chokepoint::load_scenario_file(kData + "/good/full.yaml");
  REQUIRE(s.seed == 42);
  REQUIRE_THAT(s.resolved_yaml, Catch::Contains("seed: 42\n"));
  const std::string before = s.resolved_yaml;
  chokepoint::override_seed(s, 987654321987654321ull);
  CHECK(s.seed == 987654321987654321ull);
  CHECK_THAT(s.resolved_yaml, Catch::Contains("seed: 987654321987654321\n"));
  CHECK_THAT(s.resolved_yaml, !Catch::Contains("seed: 42\n"));
  const ScenarioDescription again = chokepoint::load_scenario_text(s.resolved_yaml, "r.yaml");
  CHECK(again.seed == 987654321987654321ull);
  ScenarioDescription expected = chokepoint::load_scenario_text(before, "before.yaml");
  expected.seed = again.seed;
  check_same(expected, again);
}

TEST_CASE("override_seed on a description built in code sets the seed", "[scenario]") {
  ScenarioDescription s;
  chokepoint::override_seed(s, 7);
  CHECK(s.seed == 7);
  CHECK(s.resolved_yaml.empty());
}

TEST_CASE("every yaml example in SCENARIO_FORMAT.md loads and round-trips",
          "[scenario][loader][docs]") {
  const std::string doc = std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md";
  const std::vector<std::string> blocks = yaml_blocks(read_text(doc));
  REQUIRE(blocks.size() >= 2);  // the minimal and the complete example
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    INFO("yaml block " << i + 1 << " of " << doc);
    ScenarioDescription s;
    REQUIRE_NOTHROW(s = chokepoint::load_scenario_text(blocks[i], doc));
    check_round_trip(s);
  }
}

TEST_CASE("the complete example means what the doc says", "[scenario][loader][docs]") {
  const std::string doc = std::string(CHOKEPOINT_SOURCE_DIR) + "/docs/SCENARIO_FORMAT.md";
  const std::vector<std::string> blocks = yaml_blocks(read_text(doc));
  REQUIRE_FALSE(blocks.empty());
  const ScenarioDescription s = chokepoint::load_scenario_text(blocks.back(), doc);
  // The sentences after the example: controls from step 5, sanctions over steps 8 to 11,
  // price base steps 0 to 3.
  CHECK(s.policies.export_controls.at(0).span.start == 5);
  CHECK(s.policies.secondary_sanctions.at(0).span.start == 8);
  CHECK(s.policies.secondary_sanctions.at(0).span.end == 12);
  CHECK(s.report.price_base_start == 0);
  CHECK(s.report.price_base_end == 4);
}
