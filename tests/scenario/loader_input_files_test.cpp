// Only regular files below the size limit are read as input: devices, FIFOs and oversized
// files are refused by name before a byte is read, wherever they are named (the scenario
// itself or a base it extends).

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/input_limits.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "support/temporary_folder.hpp"

using chokepoint::load_scenario_file;

namespace {

// Restores the process-wide limit however the test ends.
struct InputLimitFor {
  explicit InputLimitFor(std::uint64_t bytes) { chokepoint::set_max_input_size(bytes); }
  ~InputLimitFor() { chokepoint::set_max_input_size(chokepoint::kDefaultMaxInputBytes); }
};

}  // namespace

TEST_CASE("a device is refused, not read until memory runs out", "[scenario][loader][input]") {
  REQUIRE_THROWS_WITH(load_scenario_file("/dev/zero"),
                      "/dev/zero: cannot read scenario file: it is a character device, not a "
                      "regular file");
}

TEST_CASE("a FIFO is refused at once, not waited on", "[scenario][loader][input]") {
  const TemporaryFolder folder;
  const std::string fifo = (folder.path() / "scenario.yaml").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE_THROWS_WITH(load_scenario_file(fifo),
                      fifo +
                          ": cannot read scenario file: it is a FIFO (named pipe), not a "
                          "regular file");
}

TEST_CASE("a base that is a device is refused at the extends line", "[scenario][loader][input]") {
  const TemporaryFolder folder;
  const std::string child = folder.write("child.yaml", "extends: /dev/urandom\nname: x\n");
  REQUIRE_THROWS_WITH(load_scenario_file(child), Catch::StartsWith(child + ":1:10: extends:") &&
                                                     Catch::Contains("it is a character device"));
}

TEST_CASE("a file above the input size limit is refused with the limit and how to change it",
          "[scenario][loader][input]") {
  const TemporaryFolder folder;
  const std::string file = folder.write("big.yaml", "name: x\n# " + std::string(2000, 'x') + "\n");
  const InputLimitFor limit(1024);
  REQUIRE_THROWS_WITH(load_scenario_file(file),
                      file +
                          ": cannot read scenario file: it is 2011 bytes, more than the limit "
                          "of 1024 (--max-input-size changes it)");
}

TEST_CASE("the default input limit is 16 MiB", "[scenario][loader][input]") {
  CHECK(chokepoint::kDefaultMaxInputBytes == 16u << 20);
  CHECK(chokepoint::max_input_size() == chokepoint::kDefaultMaxInputBytes);
}
