// Regressions for defects found in review: each test fails on the behaviour they describe.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include "support/same_bits.hpp"

#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "support/small_world.hpp"

using namespace chokepoint;
using chokepoint::testing::same_bits;
using testing::steps_of;
using testing::sum_over;

namespace {

std::string small_world_file() {
  std::ifstream in(std::string(CHOKEPOINT_TEST_DATA_DIR) + "/small_world.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

RunRecord run_text(const std::string& yaml) {
  const ScenarioDescription scenario = load_scenario_text(yaml, "<test>");
  RunOptions options;
  options.threads = 2;
  return run_scenario(scenario, options);
}

const std::string kThreat =
    "    - {name: threat, imposer: US, on: [CN, HK], intensity: 0.05, start: 2021-10}\n";

}  // namespace

TEST_CASE("A sector without intermediaries offers no intermediary channel", "[behaviour]") {
  // CN consumer firms face a mild threat and no pool exists for consumer goods: firms must
  // weigh direct sales against abstaining, not drift into a channel that does not exist.
  const std::string base = replaced(small_world_file(), "quality: 0.65}\nintermediaries:",
                                    "quality: 0.65, coalition_revenue: 5.0e3}\nintermediaries:");
  const RunRecord without = run_text(replaced(base, "  secondary_sanctions:\n" + kThreat, ""));
  const RunRecord with = run_text(base);
  const int end = steps_of(with);
  const double before = sum_over(without, "imports", end - 6, end, {"consumer", "CN", "direct"});
  const double after = sum_over(with, "imports", end - 6, end, {"consumer", "CN", "direct"});
  INFO("CN direct consumer imports, last 6 steps: " << before << " -> " << after);
  CHECK(after > 0.6 * before);
}

TEST_CASE("Quarterly steps give about the same yearly outcomes as monthly steps", "[behaviour]") {
  const std::string monthly = small_world_file();
  const std::string quarterly = replaced(monthly, "calendar: {start: 2021-01, steps: 24}",
                                         "calendar: {start: 2021-01, steps: 8, step: quarter}");
  const RunRecord m = run_text(monthly);
  const RunRecord q = run_text(replaced(quarterly, "price_base: {from: 2021-01, to: 2021-06}",
                                        "price_base: {from: 2021-01, to: 2021-06}"));
  // 2022: steps 12..24 monthly, 4..8 quarterly. Subsidy outlays are USD/month, so a
  // quarter's value stands for three months; designations are counts per step.
  const double paid_m = sum_over(m, "subsidy_outlays", 12, 24);
  const double paid_q = 3.0 * sum_over(q, "subsidy_outlays", 4, 8);
  INFO("subsidies paid in 2022: monthly " << paid_m << ", quarterly " << paid_q);
  CHECK(paid_q == Approx(paid_m).epsilon(0.4));
  const double designated_m = sum_over(m, "firm_designations", 0, 24);
  const double designated_q = sum_over(q, "firm_designations", 0, 8);
  INFO("firm designations: monthly " << designated_m << ", quarterly " << designated_q);
  CHECK(designated_m > 0.0);
  CHECK(designated_q > designated_m / 3.0);
  CHECK(designated_q < designated_m * 3.0);
}

TEST_CASE("A budget shared by two sectors pays both pro rata", "[behaviour]") {
  std::string yaml = replaced(small_world_file(), "intermediaries:",
                              "  - {state: RU, sector: consumer, count: 10, capacity: 500, "
                              "unit_cost: {uniform: [100, 120]}, quality: 0.5}\nintermediaries:");
  yaml = replaced(yaml,
                  "{name: subsidy, sectors: [chips], production_rate: 0.2, investment_rate: 0.4, "
                  "annual_budget: 1.0e8, start: 2021-07}",
                  "{name: subsidy, sectors: [chips, consumer], production_rate: 0.2, "
                  "annual_budget: 2.0e4, start: 2021-07}");
  const RunRecord r = run_text(yaml);
  // The budget runs out within 2021: in every step that paid anything, both sectors were paid.
  int paying_steps = 0;
  for (int t = 6; t < 12; ++t) {
    const double chips = sum_over(r, "subsidy_outlays", t, t + 1, {"chips"});
    const double consumer = sum_over(r, "subsidy_outlays", t, t + 1, {"consumer"});
    if (chips + consumer <= 0.0) continue;
    ++paying_steps;
    INFO("step " << t << ": chips " << chips << ", consumer " << consumer);
    CHECK(chips > 0.0);
    CHECK(consumer > 0.0);
  }
  CHECK(paying_steps > 0);
  CHECK(sum_over(r, "subsidy_outlays", 0, 12) == Approx(2.0e4));
}

TEST_CASE("An investment subsidy with no budget changes nothing", "[behaviour]") {
  // A hurdle no markup reaches, whatever the utilisation: only a paid investment subsidy
  // (rate 1) could clear it.
  const std::string high_hurdle = "behaviour: {invest_hurdle: 10, invest_utilisation: 0}\nreport:";
  const std::string none = replaced(small_world_file(),
                                    "  import_substitution_subsidies:\n    - {name: subsidy, "
                                    "sectors: [chips], production_rate: 0.2, investment_rate: 0.4, "
                                    "annual_budget: 1.0e8, start: 2021-07}\n",
                                    "");
  const std::string empty = replaced(
      small_world_file(),
      "{name: subsidy, sectors: [chips], production_rate: 0.2, investment_rate: 0.4, "
      "annual_budget: 1.0e8, start: 2021-07}",
      "{name: subsidy, sectors: [chips], investment_rate: 1.0, annual_budget: 0, start: 2021-07}");
  const RunRecord a = run_text(replaced(none, "report:", high_hurdle));
  const RunRecord b = run_text(replaced(empty, "report:", high_hurdle));
  const RunRecord funded =
      run_text(replaced(replaced(empty, "investment_rate: 1.0, annual_budget: 0",
                                 "investment_rate: 1.0, annual_budget: 1.0e9"),
                        "report:", high_hurdle));
  const int end = steps_of(a);
  const double without = sum_over(a, "domestic_capacity", end - 1, end);
  INFO("domestic capacity at the end: no subsidy "
       << without << ", empty budget " << sum_over(b, "domestic_capacity", end - 1, end)
       << ", funded " << sum_over(funded, "domestic_capacity", end - 1, end));
  CHECK(sum_over(b, "domestic_capacity", end - 1, end) == without);
  // The setting can tell: a funded subsidy does raise capacity.
  CHECK(sum_over(funded, "domestic_capacity", end - 1, end) > without);
}

TEST_CASE("A sanction on intermediaries only does not change firms' risk", "[behaviour]") {
  const std::string base = small_world_file();
  const std::string extra =
      replaced(base, kThreat,
               kThreat +
                   "    - {name: traders, imposer: US, on: [CN], applies_to: [intermediaries], "
                   "intensity: 0, penalty_months: 240, start: 2021-10}\n");
  const RunRecord without = run_text(base);
  const Series* a = without.find_series("imports");
  const RunRecord with = run_text(extra);
  const Series* b = with.find_series("imports");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(same_bits(a->values, b->values));
}
