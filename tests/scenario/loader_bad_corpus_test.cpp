// Every file in tests/data/bad/ must be refused with the message its first line announces:
//   # expect: <exact text of the error after "FILE:", starting with LINE:COL>
// The error must name the file itself as the location.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kExpectPrefix = "# expect: ";

std::vector<fs::path> bad_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(CHOKEPOINT_TEST_DATA_DIR) / "bad"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string expectation(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string first_line;
  std::getline(in, first_line);
  if (first_line.rfind(kExpectPrefix, 0) != 0) return "";
  return first_line.substr(kExpectPrefix.size());
}

}  // namespace

TEST_CASE("every bad scenario is refused with its announced error", "[scenario][loader][bad]") {
  const std::vector<fs::path> files = bad_files();
  REQUIRE(files.size() >= 25);
  for (const fs::path& file : files) {
    INFO("file: " << file.string());
    const std::string expected = expectation(file);
    REQUIRE_FALSE(expected.empty());  // every file states what it must produce
    bool refused = false;
    try {
      chokepoint::load_scenario_file(file.string());
    } catch (const chokepoint::ScenarioError& error) {
      refused = true;
      INFO("error: " << error.what());
      CHECK(error.where().file == file.string());
      CHECK(error.where().line > 0);
      CHECK(error.where().column > 0);
      // The message is "FILE:" followed by the expected text, which starts at LINE:COL.
      CHECK(std::string(error.what()) == file.string() + ":" + expected);
    }
    CHECK(refused);
  }
}

TEST_CASE("an unreadable file is reported with its path and no line", "[scenario][loader]") {
  const std::string missing = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/bad/no_such_file.yaml";
  REQUIRE_THROWS_AS(chokepoint::load_scenario_file(missing), chokepoint::ScenarioError);
  REQUIRE_THROWS_WITH(chokepoint::load_scenario_file(missing),
                      Catch::StartsWith(missing + ": cannot read scenario file"));
  try {
    chokepoint::load_scenario_file(missing);
  } catch (const chokepoint::ScenarioError& error) {
    CHECK(error.where().file == missing);
    CHECK(error.where().line == 0);
  }
}

TEST_CASE("a directory is not a scenario file", "[scenario][loader]") {
  const std::string directory = std::string(CHOKEPOINT_TEST_DATA_DIR) + "/bad";
  REQUIRE_THROWS_WITH(chokepoint::load_scenario_file(directory),
                      Catch::Contains("it is a directory"));
}
