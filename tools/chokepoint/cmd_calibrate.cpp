#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "arguments.hpp"
#include "chokepoint/calibration/calibration.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "commands.hpp"
#include "fit_table.hpp"

namespace chokepoint::cli {

const char* const kCalibrateHelp =
    R"HELP(chokepoint calibrate - choose parameter values that make a scenario match its targets

Usage: chokepoint calibrate SCENARIO.yaml TARGETS.yaml --free KEY=LO..HI [--free ...]
                           [--start KEY=VALUE]... [--sigma0 S] [--population L] [--margin M]
                           [--generations G] [--seeds N] [--first-seed S] [--search-seed S]
                           [--confirm-seeds M] [--threads N] [--out PREFIX]
                           [--history FILE.h5] [--quiet]

Each --free names a number of the scenario in the --set path syntax and the box it may take
values in, e.g.
  --free policies.secondary_sanctions[us_order_2023_12].intensity=0.001..0.05
  --free behaviour.channel_noise=0.005..0.05
The search minimises the objective sum_i w_i d_i^2 / sum_i w_i over the targets (see
`chokepoint fit --help` for d), each candidate's statistics averaged over the same N seeds.

Method: CMA-ES (Hansen's covariance matrix adaptation evolution strategy) on the box scaled to
[0,1]^n, reflected at its faces. It ranks candidates rather than using objective values, needs
no gradients, and its population averages out part of the noise of stochastic runs. At the end
the final CMA-ES mean and the best points found are re-run on M fresh seeds, and the best of
those is the answer: a point that only won by lucky noise does not survive. docs/CALIBRATION.md.

The result is a pure function of the scenario, the targets and these options: every random
draw of the search comes from the engine's counter-based streams, and the same --threads or
any other gives the same numbers.

  --start KEY=VALUE   where the search starts for that parameter (default: the box centre).
  --sigma0 S          initial step size as a share of each box's width (default 0.3).
  --margin M          aim inside bound targets (at_most, at_least, range): their bounds are
                      pulled in by M times the target's tolerance for the objective, so the
                      answer does not sit on an edge that other seeds cross (default 0).
                      Whether a target is within is always judged on its published bounds.
  --population L      candidates per generation (default 4 + floor(3 ln n), n parameters).
  --generations G     generations (default 20). Runs: G x L x N + finalists x M.
  --seeds N           seeds per candidate (default 4): --first-seed .. --first-seed+N-1.
  --first-seed S      first seed (default 1).
  --search-seed S     seed of the search's own random draws (default 1).
  --confirm-seeds M   fresh seeds for re-evaluating the finalists (default 4; 0: none, the
                      best search evaluation is the answer).
  --threads N         runs at once, each on one thread (default: all cores).
  --out PREFIX        output prefix (default results/<scenario name>_calibrated).
  --history FILE.h5   where the search history goes instead of PREFIX_history.h5 (e.g. to
                      write a calibrated scenario into scenarios/ and its history into
                      results/, as tools/calibrate_flagship does).
  --quiet             no per-generation progress.

Writes, each through a temporary name:
  PREFIX.yaml          `extends:` the scenario, with the calibrated values (and the command,
                       objective and fit table as a comment). `chokepoint run PREFIX.yaml` runs
                       the calibrated scenario.
  PREFIX_history.h5    every evaluation: parameters, objective, per-target statistics (mean,
                       sd, per seed), per-generation summaries, and the inputs.

Examples:
  chokepoint calibrate scenarios/russia_tech.yaml scenarios/targets/russia_tech.yaml \
      --free policies.secondary_sanctions[us_order_2023_12].intensity=0.001..0.05 --threads 8
  chokepoint calibrate my.yaml my_targets.yaml --free behaviour.channel_noise=0.005..0.05 \
      --start behaviour.channel_noise=0.04 --generations 10 --seeds 2 --out results/my_fit
)HELP";

namespace {

std::string short_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string point_text(const std::vector<FreeParameter>& free, const std::vector<double>& values) {
  std::string text;
  for (std::size_t i = 0; i < free.size(); ++i)
    text += (i ? ", " : "") + free[i].key + "=" + short_number(values[i]);
  return text;
}

// An argument as a POSIX shell reads it back: quoted when it holds anything but safe characters
// (keys like a[b].c would otherwise be globbed), so the recorded command can be pasted.
std::string shell_word(const std::string& word) {
  const bool safe = !word.empty() && word.find_first_not_of(
                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789_./=:,+-@%") == std::string::npos;
  if (safe) return word;
  std::string quoted = "'";
  for (char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string commented(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out += "# " + text.substr(start, end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Writes `text` to "<path>.tmp", lets `check` read it back, and renames it into place: a file
// under `path` is complete and checked, or absent.
template <typename Check>
void write_text_atomically(const std::string& path, const std::string& text, const Check& check) {
  namespace fs = std::filesystem;
  const fs::path final_path(path);
  if (final_path.has_parent_path()) fs::create_directories(final_path.parent_path());
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw OutputError("cannot write '" + path + "'");
    }
  }
  try {
    check(temporary);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  fs::rename(temporary, final_path);
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args) {
  const Arguments arguments(
      args,
      {"--sigma0", "--margin", "--population", "--generations", "--seeds", "--first-seed",
       "--search-seed", "--confirm-seeds", "--threads", "--out", "--history"},
      {"--quiet"}, {"--free", "--start"});
  if (arguments.positional().size() != 2)
    throw UsageError("expects a scenario and a targets file (see chokepoint calibrate --help)");
  const std::string scenario_path = arguments.positional()[0];
  const std::string targets_path = arguments.positional()[1];
  CalibrationOptions options;
  for (const std::string& text : arguments.values("--free"))
    options.free.push_back(parse_free_parameter(text));
  if (options.free.empty())
    throw UsageError("give at least one --free KEY=LO..HI (see chokepoint calibrate --help)");
  for (const std::string& text : arguments.values("--start"))
    apply_start(options.free, text);
  // A real-valued option: the whole text a number for which `valid` holds, else a usage error
  // saying what was expected.
  const auto number_option = [&](const char* flag, double fallback, auto valid,
                                 const char* expected) {
    const auto text = arguments.value(flag);
    if (!text) return fallback;
    char* end = nullptr;
    const double number = std::strtod(text->c_str(), &end);
    if (end == text->c_str() || *end != '\0' || !valid(number))
      throw UsageError(std::string(flag) + " expects " + expected + ", got \"" + *text + "\"");
    return number;
  };
  options.sigma0 = number_option(
      "--sigma0", options.sigma0, [](double x) { return x > 0.0 && x <= 1.0; },
      "a number in (0, 1]");
  options.margin = number_option(
      "--margin", options.margin, [](double x) { return x >= 0.0 && std::isfinite(x); },
      "a number >= 0");
  options.population = static_cast<int>(arguments.integer("--population", 2, 10000).value_or(0));
  options.generations =
      static_cast<int>(arguments.integer("--generations", 1, 100000).value_or(20));
  options.seeds = static_cast<int>(arguments.integer("--seeds", 1, 100000).value_or(4));
  options.first_seed =
      static_cast<std::uint64_t>(arguments.integer("--first-seed", 0, INT64_MAX).value_or(1));
  options.search_seed =
      static_cast<std::uint64_t>(arguments.integer("--search-seed", 0, INT64_MAX).value_or(1));
  options.confirm_seeds =
      static_cast<int>(arguments.integer("--confirm-seeds", 0, 100000).value_or(4));
  options.threads =
      static_cast<int>(arguments.integer("--threads", 1, 1024)
                           .value_or(std::max(1u, std::thread::hardware_concurrency())));
  const bool quiet = arguments.has("--quiet");

  const TargetsFile targets = load_targets(targets_path);
  const ScenarioDescription scenario = load_scenario_file(scenario_path);
  // Every mistake in the command is reported before the first line of progress.
  check_free_parameters(scenario_path, options.free);
  resolve_targets(targets, target_context(scenario));
  const std::string prefix =
      arguments.value("--out").value_or("results/" + scenario.name + "_calibrated");
  // Runs at once each hold a world: never more than the memory limit allows (as in `sweep`).
  // The result does not depend on the number of threads, so capping it is safe.
  const std::uint64_t per_run = std::max<std::uint64_t>(1, estimate_memory(scenario).total());
  const MemoryLimit limit = memory_limit(scenario, std::nullopt);
  if (limit.bytes > 0) {
    const auto fit = static_cast<int>(std::min<std::uint64_t>(1024, limit.bytes / per_run));
    if (fit < 1)
      throw Error("one run needs about " + format_memory_size(per_run) + ", more than " +
                  format_memory_size(limit.bytes) + " (" + limit.source + ")");
    if (options.threads > fit) {
      if (!quiet)
        std::printf(
            "memory: %d runs at once would need %s; running %d at once (%s: %s)\n", options.threads,
            format_memory_size(per_run * static_cast<std::uint64_t>(options.threads)).c_str(), fit,
            limit.source.c_str(), format_memory_size(limit.bytes).c_str());
      options.threads = fit;
    }
  }
  std::string command_line = "chokepoint calibrate";
  for (const std::string& a : args)
    command_line += " " + shell_word(a);

  const int n = static_cast<int>(options.free.size());
  const int population = options.population > 0 ? options.population
                                                : 4 + static_cast<int>(std::floor(3 * std::log(n)));
  if (!quiet) {
    std::printf(
        "calibrating %s against %zu targets of %s: %d parameter(s), %d candidates x %d "
        "seeds x %d generations, %d thread(s)\n",
        scenario_path.c_str(), targets.targets.size(), targets_path.c_str(), n, population,
        options.seeds, options.generations, options.threads);
    std::fflush(stdout);
  }
  const CalibrationResult result =
      calibrate(scenario_path, targets, options, [&](const GenerationSummary& g) {
        // A target that is NaN for a whole generation blinds the search: say so at once.
        for (std::size_t t = 0; t < g.not_a_number.size(); ++t)
          if (g.generation == 0 && g.not_a_number[t] == static_cast<std::size_t>(population))
            std::fprintf(stderr,
                         "warning: target %s is not a number for every candidate (a ratio with "
                         "a zero denominator, or NaN in every month?): the objective is "
                         "infinite\n",
                         targets.targets[t].name.c_str());
        if (quiet) return;
        std::printf("generation %d/%d: best %s, mean %s, sigma %s; mean at %s\n", g.generation + 1,
                    options.generations, short_number(g.best_objective).c_str(),
                    short_number(g.mean_objective).c_str(), short_number(g.sigma).c_str(),
                    point_text(options.free, g.mean).c_str());
        std::fflush(stdout);
      });

  const Evaluation& chosen = result.chosen;
  std::string seeds_note;
  if (result.confirm_seeds.empty()) {
    seeds_note = "search seeds " + std::to_string(result.seeds.front()) + ".." +
                 std::to_string(result.seeds.back());
  } else {
    seeds_note = "fresh seeds " + std::to_string(result.confirm_seeds.front()) + ".." +
                 std::to_string(result.confirm_seeds.back()) + ", finalist " +
                 std::to_string(chosen.candidate) + " of " +
                 std::to_string(result.confirmations.size()) +
                 (chosen.candidate == 0 ? " (the final CMA-ES mean)" : "");
  }
  const std::string table = fit_table_text(targets.targets, chosen.fits);
  std::string options_text = "sigma0=" + number_text(options.sigma0) +
                             "; margin=" + number_text(options.margin) +
                             "; population=" + std::to_string(population) +
                             "; generations=" + std::to_string(options.generations) +
                             "; seeds=" + std::to_string(options.seeds) +
                             "; first_seed=" + std::to_string(options.first_seed) +
                             "; search_seed=" + std::to_string(options.search_seed) +
                             "; confirm_seeds=" + std::to_string(options.confirm_seeds);
  for (const FreeParameter& p : options.free)
    options_text += "; free=" + p.key + "=" + number_text(p.low) + ".." + number_text(p.high) +
                    (p.start ? " start " + number_text(*p.start) : "");

  const std::string yaml_path = prefix + ".yaml";
  const std::string history_path = arguments.value("--history").value_or(prefix + "_history.h5");
  const std::string header =
      commented("Calibrated scenario, written by\n" + command_line + "\n" + "objective " +
                short_number(chosen.objective) + " on " + seeds_note +
                "; values: " + point_text(options.free, chosen.parameters) + "\n" + table);
  // The extends file is read back before it takes its name: it must resolve to exactly the
  // scenario the chosen values were run with. It is written first, so a failed check leaves
  // neither file.
  write_text_atomically(
      yaml_path,
      calibrated_scenario_text(scenario_path, yaml_path, options.free, chosen.parameters, header),
      [&](const std::string& written) {
        if (load_scenario_file(written).resolved_yaml != result.resolved_scenario)
          throw Error("the calibrated scenario " + yaml_path +
                      " does not resolve to the scenario with the calibrated values (a bug: "
                      "please report it with the command line)");
      });
  write_calibration_history(
      history_path, result, targets, options,
      {command_line, scenario_path, targets_path, targets.text, options_text});
  std::printf("calibrated: %s (objective %s on %s)\n",
              point_text(options.free, chosen.parameters).c_str(),
              short_number(chosen.objective).c_str(), seeds_note.c_str());
  std::fputs(table.c_str(), stdout);
  std::printf("wrote %s and %s\n", yaml_path.c_str(), history_path.c_str());
  return 0;
}

}  // namespace chokepoint::cli
