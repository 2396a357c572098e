// Policy comparison (chokepoint compare): replicate means and intervals, differences from the
// base, periods of months, and refusal of runs that cannot be compared. Expected numbers are
// worked out by hand from hand-made records.

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "chokepoint/analysis/compare.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "output/run_file_fixtures.hpp"

namespace chokepoint {
namespace {

// A run whose per-step series are known: focus_share[t] = share + t / 1000, every other scalar
// series constant; imports over (time, route) with 30 foreign and 10 domestic units per step.
RunRecord known_run(double share, std::uint64_t seed = 1, const std::string& start = "2021-01",
                    int steps = 24, int months = 1,
                    const std::vector<std::string>& sectors = {"chips", "consumer"}) {
  RunRecord record;
  record.meta.scenario_name = "known";
  record.meta.seed = seed;
  record.meta.calendar_start = start;
  record.meta.steps = steps;
  record.meta.months_per_step = months;
  const auto n = static_cast<std::size_t>(steps);
  std::vector<double> days(n);
  for (std::size_t t = 0; t < n; ++t)
    days[t] = static_cast<double>(t) * 30.0;
  record.axes = {{"time", {}, days, "days since 1970-01-01", "step"},
                 {"sector", sectors, {}, "", ""},
                 {"state", {"RU", "US", "CN"}, {}, "", ""},
                 {"route", {"direct", "hub", "domestic"}, {}, "", ""}};
  auto scalar = [&](const std::string& name, double value) {
    record.series.push_back({name, "1", name, {"time"}, std::vector<double>(n, value), false});
  };
  scalar("focus_share", 0.0);
  for (std::size_t t = 0; t < n; ++t)
    record.series.back().values[t] = share + static_cast<double>(t) / 1000.0;
  scalar("focus_maker_share", 0.5);
  scalar("hhi", 0.25);
  scalar("price_index", 1.5);
  scalar("demand", 100.0);
  scalar("unmet_demand", 20.0);
  scalar("hub_volume", 40.0);
  scalar("subsidy_outlays", 1000.0);
  scalar("firm_designations", 0.0);
  record.series.back().values[3] = 2.0;
  scalar("intermediaries_designated", 1.0);
  Series imports{"imports", "units/month", "imports", {"time", "route"}, {}, false};
  for (std::size_t t = 0; t < n; ++t)
    imports.values.insert(imports.values.end(), {20.0, 10.0, 10.0});
  record.series.push_back(imports);
  return record;
}

double value_of(const std::vector<Outcome>& outcomes, const std::string& name) {
  for (const Outcome& o : outcomes)
    if (o.name == name) return o.value;
  FAIL("no outcome " << name);
  return 0.0;
}

std::size_t index_of(const Comparison& c, const std::string& name) {
  for (std::size_t i = 0; i < c.outcomes.size(); ++i)
    if (c.outcomes[i].name == name) return i;
  FAIL("no outcome " << name);
  return 0;
}

}  // namespace

TEST_CASE("student_t_95 gives the tabulated 95% quantiles", "[compare]") {
  CHECK(student_t_95(1) == Approx(6.3138).epsilon(1e-4));
  CHECK(student_t_95(2) == Approx(2.9200).epsilon(1e-4));
  CHECK(student_t_95(30) == Approx(1.6973).epsilon(1e-4));
  // Beyond the table (values from published t tables).
  CHECK(student_t_95(40) == Approx(1.6839).epsilon(1e-4));
  CHECK(student_t_95(60) == Approx(1.6706).epsilon(1e-4));
  CHECK(student_t_95(120) == Approx(1.6577).epsilon(1e-4));
  CHECK_THROWS_AS(student_t_95(0), OutputError);
}

TEST_CASE("summarise_replicates: mean and a 90% t-interval of the mean", "[compare]") {
  // 1, 2, 3: mean 2, sample sd 1, half-width t(0.95, 2) / sqrt(3) = 2.919986 / 1.7320508.
  const ReplicateSummary three = summarise_replicates({1.0, 2.0, 3.0});
  CHECK(three.runs == 3);
  CHECK(three.mean == Approx(2.0));
  CHECK(three.low == Approx(2.0 - 1.6858547).epsilon(1e-6));
  CHECK(three.high == Approx(2.0 + 1.6858547).epsilon(1e-6));
  // One run: nothing to measure the spread with.
  const ReplicateSummary one = summarise_replicates({0.7});
  CHECK(one.mean == 0.7);
  CHECK(one.low == 0.7);
  CHECK(one.high == 0.7);
  // Identical replicates: a zero-width interval.
  const ReplicateSummary same = summarise_replicates({4.0, 4.0, 4.0, 4.0});
  CHECK(same.low == 4.0);
  CHECK(same.high == 4.0);
}

TEST_CASE("headline_outcomes over a period: known series give known means", "[compare]") {
  const RunRecord run = known_run(0.1);
  // Default: the last year, steps 12..23: mean of 0.1 + t/1000 is 0.1 + 17.5/1000.
  const std::vector<Outcome> last = headline_outcomes(run);
  CHECK(value_of(last, "focus_share_last_year") == Approx(0.1175));
  CHECK(value_of(last, "domestic_share_last_year") == Approx(0.25));
  CHECK(value_of(last, "shortage_last_year") == Approx(0.2));
  CHECK(value_of(last, "hub_volume_last_year") == Approx(40.0));
  CHECK(value_of(last, "firms_designated") == Approx(2.0));
  CHECK(value_of(last, "intermediaries_designated") == Approx(24.0));
  CHECK(value_of(last, "subsidy_outlays_total") == Approx(24000.0));
  // The explicit last year is the default, names included.
  const std::vector<Outcome> explicit_last = headline_outcomes(run, last_year_of(run));
  REQUIRE(explicit_last.size() == last.size());
  for (std::size_t i = 0; i < last.size(); ++i) {
    CHECK(explicit_last[i].name == last[i].name);
    CHECK(explicit_last[i].value == last[i].value);
  }
  // Steps 2..4: mean of t is 3.
  const std::vector<Outcome> early = headline_outcomes(run, {2, 5});
  CHECK(value_of(early, "focus_share_period") == Approx(0.103));
  CHECK(value_of(early, "price_index_period") == Approx(1.5));
  CHECK(value_of(early, "firms_designated") == Approx(2.0));  // whole run whatever the period
  CHECK_THROWS_AS(headline_outcomes(run, {10, 30}), OutputError);
}

TEST_CASE("steps_of_period maps months onto the steps that overlap them", "[compare]") {
  const RunMetadata monthly = known_run(0.0).meta;  // 2021-01, 24 months
  CHECK(steps_of_period(monthly, {}) == StepRange{12, 24});
  CHECK(steps_of_period(monthly, {"2021-03", "2021-05"}) == StepRange{2, 5});
  CHECK(steps_of_period(monthly, {"2022-12", "2022-12"}) == StepRange{23, 24});
  const RunMetadata quarterly = known_run(0.0, 1, "2021-01", 8, 3).meta;  // 2021-01..2022-12
  CHECK(steps_of_period(quarterly, {}) == StepRange{4, 8});
  CHECK(steps_of_period(quarterly, {"2021-02", "2021-04"}) == StepRange{0, 2});
  CHECK_THROWS_WITH(steps_of_period(monthly, {"2020-12", "2021-02"}),
                    "period 2020-12..2021-02 is outside the run (2021-01..2022-12)");
  CHECK_THROWS_WITH(steps_of_period(monthly, {"2022-05", "2022-02"}),
                    "period 2022-05..2022-02 ends before it starts");
  CHECK_THROWS_WITH(steps_of_period(monthly, {"2022-13", "2022-02"}),
                    Catch::Contains("\"2022-13\" is not a month"));
}

TEST_CASE("compare_runs: replicate folders give means, intervals and differences", "[compare]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "base");
  const double shares[] = {0.1, 0.2, 0.3};
  for (int i = 0; i < 3; ++i)
    write_run_file(dir.file("base/run_" + std::to_string(i) + ".h5"),
                   known_run(shares[i], static_cast<std::uint64_t>(i + 1)));
  write_run_file(dir.file("base/not_a_run.txt"), known_run(0.0));  // only *.h5 count
  write_run_file(dir.file("policy.h5"), known_run(0.5, 9));

  const std::vector<Comparison> comparisons =
      compare_runs({dir.file("base"), dir.file("policy.h5")}, {{}, {"2021-06", "2021-06"}});
  REQUIRE(comparisons.size() == 2);
  const Comparison& last = comparisons[0];
  CHECK(last.period_label == "2022-01..2022-12");
  REQUIRE(last.runs.size() == 2);
  CHECK(last.runs[0].files.size() == 3);
  CHECK(last.runs[0].seeds == std::vector<std::uint64_t>{1, 2, 3});
  const std::size_t share = index_of(last, "focus_share_last_year");
  // Base: 0.1175, 0.2175, 0.3175 -> mean 0.2175, sd 0.1, half-width 0.1 * 2.919986 / sqrt(3).
  const ReplicateSummary& base = last.runs[0].outcomes[share];
  CHECK(base.runs == 3);
  CHECK(base.mean == Approx(0.2175));
  CHECK(base.high - base.mean == Approx(0.1685854).epsilon(1e-6));
  CHECK(base.mean - base.low == Approx(0.1685854).epsilon(1e-6));
  CHECK(last.runs[0].difference[share] == 0.0);
  const ReplicateSummary& policy = last.runs[1].outcomes[share];
  CHECK(policy.runs == 1);
  CHECK(policy.mean == Approx(0.5175));
  CHECK(last.runs[1].difference[share] == Approx(0.3));
  // One month, 2021-06 = step 5: 0.105 + the seed's share offset.
  const Comparison& june = comparisons[1];
  CHECK(june.period_label == "2021-06..2021-06");
  const std::size_t june_share = index_of(june, "focus_share_period");
  CHECK(june.runs[0].outcomes[june_share].mean == Approx(0.205));
  CHECK(june.runs[1].difference[june_share] == Approx(0.3));
}

TEST_CASE("compare_runs pairs replicates by seed for an interval of the difference", "[compare]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "base");
  std::filesystem::create_directories(dir.path() / "policy");
  write_run_file(dir.file("base/1.h5"), known_run(0.1, 1));
  write_run_file(dir.file("base/2.h5"), known_run(0.2, 2));
  write_run_file(dir.file("base/3.h5"), known_run(0.3, 3));
  // Listed in another seed order: pairs are made by seed, not by position.
  write_run_file(dir.file("policy/a.h5"), known_run(0.35, 3));
  write_run_file(dir.file("policy/b.h5"), known_run(0.15, 1));
  write_run_file(dir.file("policy/c.h5"), known_run(0.3, 2));
  write_run_file(dir.file("single.h5"), known_run(0.5, 1));
  const Comparison c =
      compare_runs({dir.file("base"), dir.file("policy"), dir.file("single.h5")}, {{}})[0];
  const std::size_t share = index_of(c, "focus_share_last_year");
  // Per-seed differences 0.05, 0.1, 0.05: mean 1/15, sd 0.0288675, half-width
  // 2.919986 * 0.0288675 / sqrt(3) = 0.0486664.
  const ReplicateSummary& paired = c.runs[1].paired_difference[share];
  CHECK(paired.runs == 3);
  CHECK(paired.mean == Approx(1.0 / 15.0));
  CHECK(c.runs[1].difference[share] == Approx(1.0 / 15.0));
  CHECK(paired.high - paired.mean == Approx(0.0486664).epsilon(1e-5));
  CHECK(paired.mean - paired.low == Approx(0.0486664).epsilon(1e-5));
  // Not the same seeds (one run against three): no paired interval.
  CHECK(c.runs[2].paired_difference[share].runs == 0);
  CHECK(c.runs[0].paired_difference[share].runs == 0);
}

TEST_CASE("compare_runs takes a sweep folder's runs/ and rejects empty folders", "[compare]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "sweep" / "runs");
  std::filesystem::create_directories(dir.path() / "empty");
  write_run_file(dir.file("sweep/runs/run_000000.h5"), known_run(0.2));
  write_run_file(dir.file("base.h5"), known_run(0.1));
  CHECK(run_files_of(dir.file("sweep")) ==
        std::vector<std::string>{dir.file("sweep/runs/run_000000.h5")});
  CHECK_THROWS_WITH(run_files_of(dir.file("empty")), Catch::Contains("holds no run files"));
  CHECK_THROWS_WITH(run_files_of(dir.file("missing")), Catch::Contains("no such run file"));
  const auto comparisons = compare_runs({dir.file("base.h5"), dir.file("sweep")}, {{}});
  CHECK(comparisons[0].runs[1].difference[0] == Approx(0.1));
}

TEST_CASE("compare refuses runs with different calendars or axes, naming both files", "[compare]") {
  test::TempDir dir;
  write_run_file(dir.file("a.h5"), known_run(0.1));
  write_run_file(dir.file("later.h5"), known_run(0.1, 1, "2021-02"));
  write_run_file(dir.file("shorter.h5"), known_run(0.1, 1, "2021-01", 12));
  write_run_file(dir.file("quarterly.h5"), known_run(0.1, 1, "2021-01", 24, 3));
  write_run_file(dir.file("sectors.h5"), known_run(0.1, 1, "2021-01", 24, 1, {"chips", "gpu"}));
  const std::string a = dir.file("a.h5");
  CHECK_THROWS_WITH(compare_runs({a, dir.file("later.h5")}, {{}}),
                    "cannot compare " + a + " and " + dir.file("later.h5") +
                        ": calendars differ (start 2021-01, 24 steps of 1 month vs start 2021-02, "
                        "24 steps of 1 month)");
  CHECK_THROWS_WITH(compare_runs({a, dir.file("shorter.h5")}, {{}}),
                    Catch::Contains("calendars differ (start 2021-01, 24 steps of 1 month vs "
                                    "start 2021-01, 12 steps of 1 month)"));
  CHECK_THROWS_WITH(compare_runs({a, dir.file("quarterly.h5")}, {{}}),
                    Catch::Contains("24 steps of 3 months)"));
  CHECK_THROWS_WITH(compare_runs({a, dir.file("sectors.h5")}, {{}}),
                    "cannot compare " + a + " and " + dir.file("sectors.h5") +
                        ": sector axes differ (chips,consumer vs chips,gpu)");
  // A different state axis inside a replicate folder is caught too.
  RunRecord other_states = known_run(0.1);
  other_states.axes[2].labels = {"RU", "US", "IN"};
  std::filesystem::create_directories(dir.path() / "mixed");
  write_run_file(dir.file("mixed/1.h5"), known_run(0.1));
  write_run_file(dir.file("mixed/2.h5"), other_states);
  CHECK_THROWS_WITH(compare_runs({a, dir.file("mixed")}, {{}}),
                    Catch::Contains("and " + dir.file("mixed/2.h5") +
                                    ": state axes differ (RU,US,CN vs RU,US,IN)"));
}

}  // namespace chokepoint
