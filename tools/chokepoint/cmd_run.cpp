#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "commands.hpp"
#include "summary.hpp"

namespace chokepoint::cli {

const char* const kRunHelp =
    R"HELP(chokepoint run - simulate a scenario and write its trajectory to HDF5

Usage: chokepoint run SCENARIO.yaml [--out FILE.h5] [--seed N] [--threads N] [--quiet]
                     [--set PATH=VALUE]... [--max-memory SIZE]

  --out FILE     result file (default: results/<scenario name>.h5). Written as FILE.tmp and
                 renamed when complete, so FILE is never a half-written file.
  --seed N       override the scenario's seed (0 .. 2^64-1). The file records the seed used.
  --threads N    worker threads (default: all cores). Results are bit-identical for any N.
  --quiet        no progress line and no summary table.
  --set PATH=VALUE
                 replace one value of the scenario before it is checked; repeatable. PATH is
                 keys joined by dots, list entries by index or name: sectors[0].base_price=6,
                 policies.export_controls[controls_2022_03].coverage=0.9. VALUE is YAML:
                 --set 'report.focus_group=[CN, HK]'. The file records the values used.
  --max-memory SIZE
                 refuse the scenario, before building anything, if a run would need more
                 memory than SIZE (e.g. 8GiB, "512 MiB"; units B, KiB, MiB, GiB, TiB).
                 Replaces the scenario's limits.memory. The limits the system sets apply
                 too, and the smallest wins: physical memory, ulimit -v and -d, the
                 cgroup's limit (a Slurm job's --mem). Not recorded in the output file.

A progress line is shown on a terminal; at the end a summary table gives the target's
controlled imports by shipping state in the first and last year, the focus group's share,
price index, shortages, hub volumes and designations.

Example: chokepoint run scenarios/russia_tech.yaml --seed 7 --out results/seed7.h5
         chokepoint run scenarios/russia_tech.yaml --set calendar.steps=24
)HELP";

namespace {

std::string default_output(const ScenarioDescription& scenario) {
  std::string name;
  for (char c : scenario.name)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return "results/" + (name.empty() ? std::string("run") : name) + ".h5";
}

// Fails before the run, not after it, when the result could not be written: a long run
// must never be lost to a mistyped --out. Creates nothing: the writer makes the missing
// folders when the file is complete, and removes them again if writing fails.
void check_output_path(const std::string& out) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(out, error))
    throw UsageError("--out " + out + " is a directory; give a file name such as " + out +
                     "/run.h5");
  fs::path existing = fs::path(out).parent_path();
  while (!existing.empty() && !fs::exists(existing, error))
    existing = existing.parent_path();
  if (existing.empty()) existing = ".";
  if (!fs::is_directory(existing, error))
    throw UsageError("cannot create the folder for --out " + out + ": " + existing.string() +
                     " is a file");
  if (::access(existing.c_str(), W_OK | X_OK) != 0)
    throw UsageError("cannot write --out " + out + ": " + existing.string() + ": " +
                     std::strerror(errno));
}

std::string focus_label(const ScenarioDescription& scenario) {
  std::string label;
  for (StateIndex s : scenario.report.focus_group)
    label += (label.empty() ? "" : "+") + scenario.states[s].code;
  return label.empty() ? scenario.report.focus_name : label;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--out", "--seed", "--threads", "--max-memory"}, {"--quiet"},
                            {"--set"});
  if (arguments.positional().size() != 1)
    throw UsageError("expects one scenario file (see chokepoint run --help)");
  // Every option is checked before the scenario is loaded, so a typo costs no time.
  std::optional<std::uint64_t> seed;
  if (const auto text = arguments.value("--seed")) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size())
      throw UsageError("--seed expects a whole number from 0 to 2^64-1, got \"" + *text + "\"");
    seed = value;
  }
  RunOptions options;
  options.threads = static_cast<int>(arguments.integer("--threads", 1, 1024).value_or(0));
  const bool quiet = arguments.has("--quiet");
  const std::optional<std::uint64_t> max_memory = arguments.memory_size("--max-memory");

  ScenarioDescription scenario =
      load_scenario_file(arguments.positional()[0], arguments.values("--set"), max_memory);
  if (seed) override_seed(scenario, *seed);
  const std::string out = arguments.value("--out").value_or(default_output(scenario));
  check_output_path(out);
  const bool terminal = isatty(fileno(stderr)) != 0;
  // Redrawn at most ten times a second, so printing never slows a fast run down.
  const auto started = std::chrono::steady_clock::now();
  auto last_drawn = started - std::chrono::seconds(1);
  if (!quiet && terminal) {
    options.progress = [&](std::int32_t done, std::int32_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (done != total && now - last_drawn < std::chrono::milliseconds(100)) return;
      last_drawn = now;
      const double elapsed = std::chrono::duration<double>(now - started).count();
      const double eta = elapsed / done * (total - done);
      std::fprintf(stderr, "\r  step %d/%d  %s  %.1f s elapsed, %.1f s to go   ", done, total,
                   scenario.calendar.label(done - 1).c_str(), elapsed, eta);
      if (done == total) std::fputc('\n', stderr);
      std::fflush(stderr);
    };
  }
  const RunRecord record = run_scenario(scenario, options);
  write_run_file(out, record);

  if (!quiet) {
    std::printf("chokepoint %s (git %s): %s, seed %llu, %d steps from %s, %d threads, %.2f s\n",
                record.meta.engine_version.c_str(), record.meta.git_revision.c_str(),
                scenario.name.c_str(), static_cast<unsigned long long>(scenario.seed),
                record.meta.steps, record.meta.calendar_start.c_str(), record.meta.threads,
                record.meta.wall_seconds);
    std::printf("wrote %s (%.1f KiB)\n", out.c_str(),
                static_cast<double>(std::filesystem::file_size(out)) / 1024.0);
    print_summary(stdout, record, focus_label(scenario));
  }
  return 0;
}

}  // namespace chokepoint::cli
