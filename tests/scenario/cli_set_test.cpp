// `--set` on the command line: run and validate pass every override to the loader, the run
// file records the values used, and a bad override is one error line with exit status 1.

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "chokepoint/output/run_file.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr together
};

Result run_cli(const std::string& arguments) {
  const std::string command = std::string(CHOKEPOINT_CLI) + " " + arguments + " 2>&1";
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr)
    result.output += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

const std::string kFull = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/good/full.yaml";

}  // namespace

TEST_CASE("chokepoint validate --set reports a bad override in one line", "[cli][overrides]") {
  const Result bad = run_cli("validate " + kFull + " --set 'sectors[9].base_price=3'");
  CHECK(bad.status == 1);
  CHECK(bad.output ==
        "error: --set sectors[9].base_price=3: sectors has 2 entries, numbered 0 "
        "to 1\n");
  const Result good = run_cli("validate " + kFull + " --set calendar.steps=12 --set=seed=3");
  CHECK(good.status == 0);
  CHECK_THAT(good.output, Catch::Contains("12 steps)"));
}

TEST_CASE("chokepoint run --set runs and records the overridden scenario", "[cli][overrides]") {
  const fs::path out = fs::temp_directory_path() /
                       ("chokepoint_set_" + std::to_string(std::random_device{}()) + ".h5");
  const Result run = run_cli("run " + kFull + " --quiet --threads 1 --out " + out.string() +
                             " --set calendar.steps=12 --set 'report.focus_group=[CN]'");
  REQUIRE(run.status == 0);
  const chokepoint::RunRecord record = chokepoint::read_run_file(out.string());
  fs::remove(out);
  CHECK(record.meta.steps == 12);
  CHECK_THAT(record.meta.resolved_scenario, Catch::Contains("steps: 12\n"));
  CHECK_THAT(record.meta.resolved_scenario, Catch::Contains("focus_group: [CN]\n"));
}
