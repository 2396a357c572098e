// Running sweeps: a variant gives the same datasets alone and in a sweep, shards split the
// runs without gaps or overlaps, and a resumed sweep reruns exactly what is not finished.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include "support/same_bits.hpp"

#include "chokepoint/output/run_file.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "chokepoint/sweep/runner.hpp"

using namespace chokepoint;
using chokepoint::testing::same_bits;

namespace {

namespace fs = std::filesystem;

const std::string kData = CHOKEPOINT_TEST_DATA_DIR;

SweepPlan small_plan(const std::string& output) {
  SweepDescription sweep = load_sweep_file(kData + "/sweeps/small_grid.yaml");
  sweep.output = output;
  return plan_sweep(sweep);
}

void run_all(const SweepPlan& plan, const std::vector<std::size_t>& which, int workers) {
  std::size_t position = 0;
  std::mutex mutex;
  SweepExecution execution;
  execution.workers = workers;
  execution.next = [&]() -> std::optional<std::size_t> {
    const std::lock_guard<std::mutex> lock(mutex);
    if (position >= which.size()) return std::nullopt;
    return which[position++];
  };
  execute_sweep(plan, execution);
}

std::vector<std::size_t> all_runs(const SweepPlan& plan) {
  return shard_of(plan.runs.size(), 0, 1);
}

struct TemporaryFolder {
  fs::path path;
  explicit TemporaryFolder(const std::string& name)
      : path(fs::temp_directory_path() / ("chokepoint_" + name)) {
    fs::remove_all(path);
  }
  ~TemporaryFolder() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("A variant gives the same datasets alone and inside a parallel sweep", "[sweep]") {
  const TemporaryFolder folder("sweep_alone");
  const SweepPlan plan = small_plan(folder.path.string());
  run_all(plan, all_runs(plan), 2);

  const SweepRun& run = plan.runs[7];
  ScenarioDescription alone = load_scenario_file(plan.sweep.base_scenario, run.overrides);
  override_seed(alone, run.seed);
  RunOptions options;
  options.threads = 2;
  const RunRecord expected = run_scenario(alone, options);
  const RunRecord in_sweep = read_run_file(sweep_run_path(plan, 7));
  REQUIRE(in_sweep.series.size() == expected.series.size());
  for (std::size_t s = 0; s < expected.series.size(); ++s) {
    INFO(expected.series[s].name);
    CHECK(same_bits(in_sweep.series[s].values, expected.series[s].values));
  }
  CHECK(in_sweep.meta.sweep.at("run") == "7");
  CHECK(in_sweep.meta.sweep.at("overrides") == run.overrides[0] + "; " + run.overrides[1]);
  CHECK(in_sweep.meta.seed == run.seed);
}

TEST_CASE("Shards split the runs with no gap and no overlap", "[sweep]") {
  for (std::size_t shards : {1u, 2u, 5u, 12u, 13u}) {
    std::multiset<std::size_t> seen;
    for (std::size_t i = 0; i < shards; ++i)
      for (std::size_t run : shard_of(12, i, shards))
        seen.insert(run);
    INFO(shards << " shards");
    CHECK(seen.size() == 12);
    for (std::size_t run = 0; run < 12; ++run)
      CHECK(seen.count(run) == 1);
  }
}

TEST_CASE("A resumed sweep reruns exactly the runs that are not finished", "[sweep]") {
  const TemporaryFolder folder("sweep_resume");
  const SweepPlan plan = small_plan(folder.path.string());
  run_all(plan, {0, 1, 2, 3, 4, 5}, 1);
  CHECK(unfinished_runs(plan, all_runs(plan)) == std::vector<std::size_t>{6, 7, 8, 9, 10, 11});

  // A half-written file under the temporary name, a truncated file under the final name, and
  // another variant's result under this run's name: none of them counts as finished.
  fs::copy_file(sweep_run_path(plan, 0), sweep_run_path(plan, 6) + ".tmp");
  fs::resize_file(sweep_run_path(plan, 1), 1000);
  fs::copy_file(sweep_run_path(plan, 3), sweep_run_path(plan, 2),
                fs::copy_options::overwrite_existing);
  const std::vector<std::size_t> left = unfinished_runs(plan, all_runs(plan));
  CHECK(left == std::vector<std::size_t>{1, 2, 6, 7, 8, 9, 10, 11});

  run_all(plan, left, 2);
  CHECK(unfinished_runs(plan, all_runs(plan)).empty());
  write_sweep_summary(plan);
  std::ifstream csv(folder.path / "summary.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header.rfind("run,point,replicate,seed,policies.export_controls[controls].coverage,", 0) ==
        0);
  int rows = 0;
  for (std::string line; std::getline(csv, line);)
    ++rows;
  CHECK(rows == 12);
}

TEST_CASE("The summary refuses a sweep with unfinished runs", "[sweep]") {
  const TemporaryFolder folder("sweep_unfinished");
  const SweepPlan plan = small_plan(folder.path.string());
  run_all(plan, {0}, 1);
  CHECK_THROWS_WITH(write_sweep_summary(plan), Catch::Contains("run 1 is not finished"));
}
