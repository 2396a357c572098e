// Every file in tests/data/targets/bad/ must be refused with the message its first line
// announces ("# expect: LINE:COL: key.path: message"), when loaded and resolved against the
// small world of tests/data/small_world.yaml (calendar 2021-01..2022-12, blocs: coalition =
// US, EU; hubs HK, KZ; sectors chips (controlled) and consumer).

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "chokepoint/calibration/targets.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;
using namespace chokepoint;

const std::string kData = CHOKEPOINT_TEST_DATA_DIR;

std::string expectation(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string first_line;
  std::getline(in, first_line);
  const std::string prefix = "# expect: ";
  return first_line.rfind(prefix, 0) == 0 ? first_line.substr(prefix.size()) : "";
}

void load_and_resolve(const std::string& path, const TargetContext& context) {
  resolve_targets(load_targets(path), context);
}

}  // namespace

TEST_CASE("every bad targets file is refused with its announced error",
          "[calibration][targets][bad]") {
  const TargetContext context = target_context(load_scenario_file(kData + "/small_world.yaml"));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kData + "/targets/bad"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);
  for (const fs::path& file : files) {
    INFO("file: " << file.string());
    const std::string expected = expectation(file);
    REQUIRE_FALSE(expected.empty());
    bool refused = false;
    try {
      load_and_resolve(file.string(), context);
    } catch (const ScenarioError& error) {
      refused = true;
      CHECK(error.where().file == file.string());
      CHECK(error.where().line > 0);
      CHECK(std::string(error.what()) == file.string() + ":" + expected);
    }
    CHECK(refused);
  }
}

TEST_CASE("a good targets file loads with every field", "[calibration][targets]") {
  const TargetsFile file = load_targets(kData + "/targets/small_world.yaml");
  REQUIRE(file.targets.size() == 4);
  const Target& value = file.targets[0];
  CHECK(value.name == "focus_share_2022");
  CHECK(value.kind == TargetKind::Value);
  CHECK(value.value == 0.5);
  CHECK(value.tolerance == 0.2);
  CHECK(value.weight == 1.0);
  CHECK(value.period.first == 2022 * 12);
  CHECK(value.period.last == 2022 * 12 + 11);
  CHECK_FALSE(value.relative_to);

  const Target& ratio = file.targets[1];
  CHECK(ratio.kind == TargetKind::AtMost);
  CHECK(ratio.high == 0.5);
  CHECK_FALSE(ratio.tolerance);
  REQUIRE(ratio.relative_to);
  CHECK(ratio.relative_to->text == "2021-01..2021-06");
  REQUIRE(ratio.quantity.numerator.selectors.size() == 3);
  CHECK(ratio.quantity.numerator.selectors[1].dim == "state");
  CHECK(ratio.quantity.numerator.selectors[1].labels == std::vector<std::string>{"coalition"});

  const Target& share = file.targets[2];
  CHECK(share.kind == TargetKind::Range);
  CHECK(share.low == 0.1);
  CHECK(share.high == 0.9);
  CHECK(share.weight == 2.0);
  REQUIRE(share.quantity.denominator);
  CHECK(share.quantity.denominator->series == "imports_by_shipper_value");

  const Target& hubs = file.targets[3];
  CHECK(hubs.kind == TargetKind::AtLeast);
  CHECK(hubs.tolerance == 100.0);
  CHECK(hubs.quantity.numerator.selectors[0].labels == std::vector<std::string>{"HK", "KZ"});
}

TEST_CASE("blocs and sector groups resolve to their members", "[calibration][targets]") {
  const ScenarioDescription world = load_scenario_file(kData + "/small_world.yaml");
  const TargetsFile file = load_targets(kData + "/targets/small_world.yaml");
  const std::vector<ResolvedTarget> resolved = resolve_targets(file, target_context(world));
  // imports_value is [time, sector(2), state(6), route(3)]: chips=0; US=1, EU=2; direct=0.
  const ResolvedTerm& coalition = resolved[1].numerator;
  CHECK(coalition.inner == 2 * 6 * 3);
  CHECK(coalition.offsets == std::vector<std::size_t>{(0 * 6 + 1) * 3 + 0, (0 * 6 + 2) * 3 + 0});
  // 2022-01..2022-12 of a run from 2021-01: steps 12 to 24; 2021-01..2021-06: steps 0 to 6.
  CHECK(resolved[1].period.from == 12);
  CHECK(resolved[1].period.to == 24);
  CHECK(resolved[1].relative_to->from == 0);
  CHECK(resolved[1].relative_to->to == 6);
  // hub_volume over both hubs.
  CHECK(resolved[3].numerator.offsets == std::vector<std::size_t>{0, 1});
}
