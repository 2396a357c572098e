// chokepoint: the command-line program. Parses the command, runs it, and turns any error into
// one line on stderr and a non-zero exit status (the library never exits the process).

#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/input_limits.hpp"
#include "chokepoint/version.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    R"HELP(chokepoint - agent-based simulation of export controls and their circumvention

Usage:
  chokepoint run SCENARIO.yaml [--out FILE.h5] [--seed N] [--threads N] [--quiet]
                               [--set PATH=VALUE]... [--max-memory SIZE]
  chokepoint validate SCENARIO.yaml [MORE.yaml...] [--set PATH=VALUE]... [--max-memory SIZE]
  chokepoint resolve SCENARIO.yaml [--set PATH=VALUE]...   the scenario as a run reads it
  chokepoint sweep SWEEP.yaml [--dry-run] [--threads N] [--shard I/N] [--collect]
  chokepoint sensitivity SUMMARY.h5 --output NAME
  chokepoint inspect RUN.h5
  chokepoint compare BASE POLICY [POLICY...] [--period FROM..TO] [--at YYYY-MM]
                     [--format table|csv|markdown]
  chokepoint fit TARGETS.yaml RUN.h5|FOLDER... [--check] [--format table|csv]
  chokepoint calibrate SCENARIO.yaml TARGETS.yaml --free KEY=LO..HI [--free ...]
                       [--seeds N] [--generations G] [--threads N] [--out PREFIX]
  chokepoint bench [--agents N] [--steps N] [--threads LIST]
  chokepoint --version
  chokepoint COMMAND --help        help on one command

Every command takes --max-input-size SIZE (default 16 MiB): scenario, sweep and targets
files, and every file they extend, are read only when they are regular files of at most SIZE.

A scenario (YAML) describes states, sectors, agent populations and dated policies; `run`
simulates it and writes every per-step series to an HDF5 file that h5py, pandas, R and
Julia read directly. See docs/SCENARIO_FORMAT.md and docs/OUTPUT_FORMAT.md.

Examples:
  chokepoint run scenarios/russia_tech.yaml
  chokepoint run scenarios/russia_tech.yaml --seed 7 --threads 2 --out results/seed7.h5
  chokepoint validate scenarios/*.yaml
  chokepoint run big.yaml --max-memory 8GiB     refuse it up front if a run needs more
  chokepoint sweep scenarios/sweeps/enforcement_grid.yaml --dry-run
  chokepoint inspect results/russia_tech.h5
  chokepoint compare results/base.h5 results/policy.h5    BASE/POLICY: a run or a folder of seeds

Exit status: 0 success, 1 invalid scenario or failed run, 2 bad command line.
)HELP";

// Takes the options every command shares out of `args` and applies them.
void apply_global_options(std::vector<std::string>& args) {
  using namespace chokepoint;
  const std::string flag = "--max-input-size";
  for (std::size_t i = 0; i < args.size();) {
    std::string text;
    if (args[i] == flag) {
      if (i + 1 == args.size()) throw UsageError(flag + " expects a value");
      text = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                 args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    } else if (args[i].rfind(flag + "=", 0) == 0) {
      text = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
      continue;
    }
    std::string hint;
    const std::optional<std::uint64_t> bytes = parse_memory_size(text, hint);
    if (!bytes || *bytes == 0)
      throw UsageError(flag + " expects " + kMemorySizeExpected + " above 0, got \"" + text + "\"" +
                       hint);
    set_max_input_size(*bytes);
  }
}

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace chokepoint;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("chokepoint %s (git %s)\n", std::string(engine_version()).c_str(),
                std::string(git_revision()).c_str());
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    apply_global_options(args);
    if (command == "run") {
      if (wants_help(args)) return std::fputs(cli::kRunHelp, stdout), 0;
      return cli::run_command(args);
    }
    if (command == "validate") {
      if (wants_help(args)) return std::fputs(cli::kValidateHelp, stdout), 0;
      return cli::validate_command(args);
    }
    if (command == "resolve") {
      if (wants_help(args)) return std::fputs(cli::kResolveHelp, stdout), 0;
      return cli::resolve_command(args);
    }
    if (command == "sweep") {
      if (wants_help(args)) return std::fputs(cli::kSweepHelp, stdout), 0;
      return cli::sweep_command(args);
    }
    if (command == "sensitivity") {
      if (wants_help(args)) return std::fputs(cli::kSensitivityHelp, stdout), 0;
      return cli::sensitivity_command(args);
    }
    if (command == "inspect") {
      if (wants_help(args)) return std::fputs(cli::kInspectHelp, stdout), 0;
      return cli::inspect_command(args);
    }
    if (command == "compare") {
      if (wants_help(args)) return std::fputs(cli::kCompareHelp, stdout), 0;
      return cli::compare_command(args);
    }
    if (command == "fit") {
      if (wants_help(args)) return std::fputs(cli::kFitHelp, stdout), 0;
      return cli::fit_command(args);
    }
    if (command == "calibrate") {
      if (wants_help(args)) return std::fputs(cli::kCalibrateHelp, stdout), 0;
      return cli::calibrate_command(args);
    }
    if (command == "bench") {
      if (wants_help(args)) return std::fputs(cli::kBenchHelp, stdout), 0;
      return cli::bench_command(args);
    }
    throw UsageError(
        "unknown command \"" + command +
        "\" (commands: run, validate, resolve, sweep, sensitivity, inspect, compare, fit, "
        "calibrate, bench)");
  } catch (const UsageError& error) {
    std::fprintf(stderr, "chokepoint %s: %s\n", command.c_str(), error.what());
    return 2;
  } catch (const std::bad_alloc&) {
    // Where memory runs out is not known here; the limits that could have prevented it are.
    std::fprintf(stderr,
                 "chokepoint %s: error: out of memory (lower the populations' counts, or check "
                 "the memory limits: ulimit -v, the job's --mem, --max-memory)\n",
                 command.c_str());
    return 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "chokepoint %s: error: %s\n", command.c_str(), error.what());
    return 1;
  }
}
