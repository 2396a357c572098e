// The memory limit a scenario is checked against: the smallest of the stated one and those the
// system sets, cgroup limits read from a fake /sys/fs/cgroup.

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "chokepoint/world/memory_estimate.hpp"
#include "support/temporary_folder.hpp"

using namespace chokepoint;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text << "\n";
}

}  // namespace

TEST_CASE("cgroup v2: the smallest memory.max from the cgroup up to the root", "[memory][limits]") {
  const TemporaryFolder root;
  write_file(root.path() / "memory.max", "max");
  write_file(root.path() / "slurm/memory.max", "4294967296");
  write_file(root.path() / "slurm/job_7/memory.max", "max");
  write_file(root.path() / "slurm/job_7/step_0/memory.max", "8589934592");
  CHECK(cgroup_memory_limit("0::/slurm/job_7/step_0\n", root.path()) == 4294967296u);
  CHECK(cgroup_memory_limit("0::/slurm/job_7\n", root.path()) == 4294967296u);
  CHECK_FALSE(cgroup_memory_limit("0::/\n", root.path()).has_value());
  CHECK_FALSE(cgroup_memory_limit("0::/elsewhere\n", root.path()).has_value());
}

TEST_CASE("cgroup v1: the memory controller's limit_in_bytes, no limit written as a huge value",
          "[memory][limits]") {
  const TemporaryFolder root;
  write_file(root.path() / "memory/memory.limit_in_bytes", "9223372036854771712");
  write_file(root.path() / "memory/job/memory.limit_in_bytes", "1073741824");
  const std::string cgroups = "9:cpu,cpuacct:/job\n4:memory:/job\n0::/\n";
  CHECK(cgroup_memory_limit(cgroups, root.path()) == 1073741824u);
  CHECK_FALSE(cgroup_memory_limit("4:memory:/\n", root.path()).has_value());
  CHECK_FALSE(cgroup_memory_limit("garbage without colons\n", root.path()).has_value());
}

TEST_CASE("the smallest limit wins, a stated one never raises a system one", "[memory][limits]") {
  ScenarioDescription scenario;
  const std::uint64_t physical = physical_memory_bytes();
  REQUIRE(physical > 0);
  const MemoryLimit small = memory_limit(scenario, std::uint64_t{1} << 20);
  CHECK(small.bytes == (std::uint64_t{1} << 20));
  CHECK(small.source == "--max-memory");
  const MemoryLimit huge = memory_limit(scenario, physical * 4);
  CHECK(huge.bytes <= physical);
  CHECK(huge.source != "--max-memory");
  scenario.limits.memory = std::uint64_t{2} << 20;
  CHECK(memory_limit(scenario, std::nullopt).source == "limits.memory");
}

// AddressSanitizer reserves terabytes of address space up front, so lowering RLIMIT_AS under
// it breaks its own allocations; the uninstrumented build runs this check.
#if defined(__SANITIZE_ADDRESS__)
#define CHOKEPOINT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHOKEPOINT_UNDER_ASAN 1
#endif
#endif

#ifndef CHOKEPOINT_UNDER_ASAN
TEST_CASE("an address-space limit in force is one of the system's limits", "[memory][limits]") {
  rlimit saved{};
  REQUIRE(getrlimit(RLIMIT_AS, &saved) == 0);
  // Lowered only for this check (a soft limit can be raised back to the hard one), and far
  // above what the test process uses, so nothing else is disturbed.
  rlimit lowered = saved;
  lowered.rlim_cur = std::uint64_t{64} << 30;
  if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < lowered.rlim_cur)
    lowered.rlim_cur = saved.rlim_max;
  REQUIRE(setrlimit(RLIMIT_AS, &lowered) == 0);
  bool found = false;
  for (const MemoryLimit& limit : system_memory_limits())
    if (limit.source.find("ulimit -v") != std::string::npos) {
      found = true;
      CHECK(limit.bytes < lowered.rlim_cur);  // what the process already uses is taken off
    }
  setrlimit(RLIMIT_AS, &saved);
  CHECK(found);
}
#endif  // CHOKEPOINT_UNDER_ASAN
