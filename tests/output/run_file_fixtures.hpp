#pragma once

// Shared by the run-file tests: a scratch directory that cleans up after itself, a capture of
// what a call prints to stderr, a small hand-built RunRecord and an exact comparison.

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "chokepoint/output/run_record.hpp"
#include "support/temporary_folder.hpp"

namespace chokepoint::test {

class TempDir : public TemporaryFolder {
 public:
  TempDir() : TemporaryFolder("chokepoint-output-test-") {}
  std::string file(const std::string& name) const { return (path() / name).string(); }
  // Everything under the directory, as paths relative to it.
  std::vector<std::string> contents() const {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path())) {
      found.push_back(std::filesystem::relative(entry.path(), path()).string());
    }
    std::sort(found.begin(), found.end());
    return found;
  }
};

// Redirects file descriptor 2 while alive; text() gives what was written to it.
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()), saved_(dup(2)) {
    std::fflush(stderr);
    dup2(fileno(file_), 2);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  ~StderrCapture() {
    restore();
    std::fclose(file_);
  }
  std::string text() {
    restore();
    std::string captured;
    std::rewind(file_);
    for (int c = std::fgetc(file_); c != EOF; c = std::fgetc(file_)) {
      captured.push_back(static_cast<char>(c));
    }
    return captured;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_;
};

// Three monthly steps, four sectors, five states; values chosen to catch any conversion:
// NaN, infinities, signed zero, a subnormal, integers beyond 32 bits, non-ASCII text.
inline RunRecord sample_record() {
  RunRecord record;
  RunMetadata& meta = record.meta;
  meta.scenario_name = "semiconductor controls, 2024";
  meta.scenario_file = "scenarios/semis_2024.yaml";
  meta.seed = std::numeric_limits<std::uint64_t>::max() - 6;
  meta.engine_version = "0.1.0";
  meta.git_revision = "0123456789ab-dirty";
  meta.threads = 2;
  meta.processes = 3;
  meta.started_utc = "2024-05-01T10:00:00Z";
  meta.finished_utc = "2024-05-01T10:02:03Z";
  meta.wall_seconds = 123.456789;
  meta.calendar_start = "2024-01";
  meta.months_per_step = 1;
  meta.steps = 3;
  // A resolved scenario is tens of kilobytes; this one has newlines, quotes and UTF-8 too.
  meta.resolved_scenario = "name: \"semiconductor controls\"\nnotes: Zürich → Taipei\n";
  for (int i = 0; i < 2000; ++i) {
    meta.resolved_scenario += "  - {sector: S" + std::to_string(i) + ", share: 0.25}\n";
  }

  Axis time{"time",
            {"2024-01", "2024-02", "2024-03"},
            {19723.0, 19754.0, 19783.0},
            "days since 1970-01-01",
            "start of step"};
  Axis sector{"sector", {"SEMI", "CHEM", "MACH", "AGRI"}, {}, "", "sector"};
  Axis state{"state", {"USA", "CHN", "NLD", "TWN", "CIV"}, {}, "", "état"};
  record.axes = {time, sector, state};

  Series trade{"exports", "USD", "exports by sector and origin", {"time", "sector", "state"}, {}};
  for (int i = 0; i < 3 * 4 * 5; ++i)
    trade.values.push_back(1.0e6 * i + 0.1 * i);
  trade.values[1] = std::numeric_limits<double>::quiet_NaN();
  trade.values[2] = std::numeric_limits<double>::infinity();
  trade.values[3] = -std::numeric_limits<double>::infinity();
  trade.values[4] = -0.0;
  trade.values[5] = std::numeric_limits<double>::denorm_min();

  Series firms{"firms", "1", "active firms", {"time", "state"}, {}, true};
  for (int i = 0; i < 3 * 5; ++i)
    firms.values.push_back(i * 7.0 - 20.0);
  firms.values[14] = 9007199254740992.0;  // 2^53: beyond int32, exact in both types

  Series welfare{"welfare_total", "USD", "total welfare change", {}, {-1.25e9}};
  Series bilateral{"tariff", "1", "bilateral tariff rate", {"state", "state"}, {}};
  for (int i = 0; i < 25; ++i)
    bilateral.values.push_back(i / 100.0);

  record.series = {trade, firms, welfare, bilateral};
  return record;
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
  }
  return true;
}

inline void require_same_record(const RunRecord& expected, const RunRecord& actual) {
  const RunMetadata& e = expected.meta;
  const RunMetadata& a = actual.meta;
  CHECK(a.scenario_name == e.scenario_name);
  CHECK(a.scenario_file == e.scenario_file);
  CHECK(a.resolved_scenario == e.resolved_scenario);
  CHECK(a.seed == e.seed);
  CHECK(a.engine_version == e.engine_version);
  CHECK(a.git_revision == e.git_revision);
  CHECK(a.threads == e.threads);
  CHECK(a.processes == e.processes);
  CHECK(a.started_utc == e.started_utc);
  CHECK(a.finished_utc == e.finished_utc);
  CHECK(std::bit_cast<std::uint64_t>(a.wall_seconds) ==
        std::bit_cast<std::uint64_t>(e.wall_seconds));
  CHECK(a.calendar_start == e.calendar_start);
  CHECK(a.months_per_step == e.months_per_step);
  CHECK(a.steps == e.steps);

  REQUIRE(actual.axes.size() == expected.axes.size());
  for (std::size_t i = 0; i < expected.axes.size(); ++i) {
    INFO("axis " << expected.axes[i].name);
    CHECK(actual.axes[i].name == expected.axes[i].name);
    CHECK(actual.axes[i].labels == expected.axes[i].labels);
    CHECK(same_bits(actual.axes[i].values, expected.axes[i].values));
    CHECK(actual.axes[i].units == expected.axes[i].units);
    CHECK(actual.axes[i].long_name == expected.axes[i].long_name);
  }
  REQUIRE(actual.series.size() == expected.series.size());
  for (std::size_t i = 0; i < expected.series.size(); ++i) {
    INFO("series " << expected.series[i].name);
    CHECK(actual.series[i].name == expected.series[i].name);
    CHECK(actual.series[i].units == expected.series[i].units);
    CHECK(actual.series[i].long_name == expected.series[i].long_name);
    CHECK(actual.series[i].dims == expected.series[i].dims);
    CHECK(actual.series[i].integer == expected.series[i].integer);
    CHECK(same_bits(actual.series[i].values, expected.series[i].values));
  }
}

}  // namespace chokepoint::test
