#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "arguments.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"
#include "chokepoint/sim/metrics.hpp"
#include "chokepoint/sim/simulation.hpp"
#include "chokepoint/sweep/runner.hpp"
#include "chokepoint/world/memory_estimate.hpp"
#include "cluster.hpp"
#include "commands.hpp"

namespace chokepoint::cli {

const char* const kSweepHelp =
    R"HELP(chokepoint sweep - run every variant of a parameter sweep, resumably

Usage: chokepoint sweep SWEEP.yaml [--out DIR] [--dry-run] [--threads N]
                       [--parallel runs|agents] [--shard I/N] [--collect] [--quiet]

A sweep file names a base scenario, axes over any of its keys (lists, ranges, or intervals
for sampled designs: grid, zip, random, latin_hypercube, sobol, morris, saltelli) and
replicates (seeds) per point; see docs/SWEEPS.md. Each run is written to
<output>/runs/run_NNNNNN.h5 as it finishes; when every run is done, <output>/summary.csv and
<output>/summary.h5 get one row per run (the values set, the seed, headline outcomes).

  --out DIR        output folder (default: the sweep file's `output`, or
                   results/sweeps/<name>).
  --dry-run        print the number of runs, how many are already done, an estimate of time
                   and disk, and the first variants; run nothing.
  --threads N      cores to use in this process (default: all).
  --parallel M     runs: several runs at once, one thread each (default when there are at
                   least as many runs left as threads); agents: one run at a time, its agents
                   spread over the threads. A run's datasets are the same either way.
  --shard I/N      run only the runs whose index modulo N is I (0 <= I < N), e.g. one task of
                   a Slurm job array. Without it, SLURM_ARRAY_TASK_ID and
                   SLURM_ARRAY_TASK_COUNT are used when set.
  --collect        write the summary from finished runs, run nothing.
  --quiet          no progress line.

Resuming: run the same command again after a crash, kill or time-out. Finished runs (a
complete file recording the same variant) are skipped; unfinished ones run again. A file is
only ever complete: it is written under a temporary name and renamed at the end.

Under MPI (mpirun -np N chokepoint sweep ...), rank 0 hands out runs one at a time to the
workers of every rank; each rank may run several at once (--threads).

Examples: chokepoint sweep scenarios/sweeps/enforcement_grid.yaml --dry-run
          chokepoint sweep scenarios/sweeps/enforcement_grid.yaml --threads 8
          mpirun -np 4 chokepoint sweep scenarios/sweeps/enforcement_grid.yaml
          sbatch --array=0-15 tools/slurm/sweep_array.sh scenarios/sweeps/enforcement_grid.yaml
)HELP";

namespace {

struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  std::string source;  // "" when the whole sweep
};

Shard parse_shard(const std::string& text, const std::string& what) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    throw UsageError(what + " expects I/N (e.g. 3/16), got \"" + text + "\"");
  Shard shard;
  shard.count = static_cast<std::size_t>(
      parse_integer(text.substr(slash + 1), what + " count", 1, 1000000000));
  shard.index = static_cast<std::size_t>(parse_integer(text.substr(0, slash), what + " index", 0,
                                                       static_cast<std::int64_t>(shard.count) - 1));
  shard.source = what;
  return shard;
}

Shard choose_shard(const Arguments& arguments) {
  if (const auto text = arguments.value("--shard")) return parse_shard(*text, "--shard");
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return {};
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  const std::int64_t first = min ? parse_integer(min, "SLURM_ARRAY_TASK_MIN", 0, 1000000000) : 0;
  const std::int64_t task = parse_integer(id, "SLURM_ARRAY_TASK_ID", 0, 1000000000);
  return parse_shard(std::to_string(task - first) + "/" + count, "the Slurm array task");
}

std::string human_duration(double seconds) {
  char buffer[64];
  if (seconds < 10) {
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  } else if (seconds < 120) {
    std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
  } else if (seconds < 7200) {
    std::snprintf(buffer, sizeof buffer, "%.1f min", seconds / 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f h", seconds / 3600);
  }
  return buffer;
}

std::string human_bytes(double bytes) {
  char buffer[64];
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  while (bytes >= 1024 && unit < 4) {
    bytes /= 1024;
    ++unit;
  }
  std::snprintf(buffer, sizeof buffer, "%.1f %s", bytes, units[unit]);
  return buffer;
}

// Seconds for one run, single-threaded, from building the first variant's world and timing a
// few of its steps: rough (later steps may differ), but measured on this machine.
double measure_run_seconds(const SweepPlan& plan, const ScenarioDescription& scenario) {
  const auto started = std::chrono::steady_clock::now();
  Simulation simulation(scenario);
  const auto built = std::chrono::steady_clock::now();
  const int probe = std::min(3, scenario.calendar.steps);
  for (int s = 0; s < probe; ++s)
    simulation.step();
  const auto stepped = std::chrono::steady_clock::now();
  const double build = std::chrono::duration<double>(built - started).count();
  const double per_step = std::chrono::duration<double>(stepped - built).count() / probe;
  return build + per_step * plan.steps_per_run;
}

// An upper bound for one run file: every series uncompressed plus the scenario text.
double run_file_bytes(const ScenarioDescription& scenario) {
  const MetricsBuffer metrics(scenario);
  double bytes = static_cast<double>(scenario.resolved_yaml.size());
  for (const Series& series : metrics.record().series)
    bytes += 8.0 * static_cast<double>(series.values.size());
  return bytes;
}

void print_variants(const SweepPlan& plan, std::size_t count) {
  std::printf("first runs:\n");
  for (std::size_t i = 0; i < std::min(count, plan.runs.size()); ++i) {
    const SweepRun& run = plan.runs[i];
    std::printf("  run %zu: point %zu, replicate %u, seed %llu:", run.index, run.point,
                run.replicate, static_cast<unsigned long long>(run.seed));
    for (const std::string& o : run.overrides)
      std::printf(" %s", o.c_str());
    std::printf("\n");
  }
}

class ProgressLine {
 public:
  ProgressLine(std::size_t total, bool show) : total_(total), show_(show) {}
  void update(std::size_t done) {
    if (!show_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done != total_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - started_).count();
    const int width = 30;
    const int filled = total_ ? static_cast<int>(width * done / total_) : width;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    const std::string eta = done ? human_duration(elapsed / static_cast<double>(done) *
                                                  static_cast<double>(total_ - done))
                                 : "?";
    std::fprintf(stderr, "\r  [%s] %zu/%zu runs  %s elapsed, %s to go   ", bar.c_str(), done,
                 total_, human_duration(elapsed).c_str(), eta.c_str());
    if (done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  std::size_t total_;
  bool show_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = started_ - std::chrono::seconds(1);
};

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"--out", "--threads", "--parallel", "--shard"},
                            {"--dry-run", "--collect", "--quiet"});
  if (arguments.positional().size() != 1)
    throw UsageError("expects one sweep file (see chokepoint sweep --help)");
  const int cores =
      static_cast<int>(arguments.integer("--threads", 1, 1024)
                           .value_or(std::max(1u, std::thread::hardware_concurrency())));
  const std::string parallel = arguments.value("--parallel").value_or("auto");
  if (parallel != "auto" && parallel != "runs" && parallel != "agents")
    throw UsageError("--parallel expects runs or agents, got \"" + parallel + "\"");
  const Shard shard = choose_shard(arguments);
  const bool dry_run = arguments.has("--dry-run");
  const bool collect = arguments.has("--collect");
  if (dry_run && collect) throw UsageError("--dry-run and --collect exclude each other");

  Cluster cluster;
  const bool root = cluster.is_root();
  SweepDescription sweep = load_sweep_file(arguments.positional()[0]);
  if (const auto out = arguments.value("--out")) sweep.output = *out;
  const SweepPlan plan = plan_sweep(sweep);
  const std::size_t points = sweep_point_count(sweep);
  const std::vector<std::size_t> share = shard_of(plan.runs.size(), shard.index, shard.count);
  // Only rank 0 looks at the disk and hands out work.
  const std::vector<std::size_t> todo =
      root ? unfinished_runs(plan, share) : std::vector<std::size_t>{};

  if (root) {
    std::printf("sweep %s: %s design, %zu points x %u replicates = %zu runs of %s\n",
                sweep.name.c_str(), design_name(sweep.design), points, sweep.replicates,
                plan.runs.size(), sweep.base_scenario.c_str());
    if (!shard.source.empty())
      std::printf("shard %zu of %zu (from %s): %zu runs\n", shard.index, shard.count,
                  shard.source.c_str(), share.size());
    std::printf("%zu finished, %zu to run; output in %s\n", share.size() - todo.size(), todo.size(),
                sweep.output.c_str());
  }

  if (dry_run) {
    if (root) {
      const ScenarioDescription first =
          load_scenario_file(plan.sweep.base_scenario, plan.runs.front().overrides);
      const double seconds = measure_run_seconds(plan, first);
      const double bytes = run_file_bytes(first);
      const double slots = static_cast<double>(cores * cluster.size());
      std::printf(
          "each run: %zu agents x %d steps, about %s on one core (measured on the "
          "first variant)\n",
          plan.agents_per_run, plan.steps_per_run, human_duration(seconds).c_str());
      std::printf(
          "estimate: %s for the runs left on %.0f cores; at most %s of run files "
          "(%s each before compression)\n",
          human_duration(seconds * static_cast<double>(todo.size()) / slots).c_str(), slots,
          human_bytes(bytes * static_cast<double>(todo.size())).c_str(),
          human_bytes(bytes).c_str());
      print_variants(plan, 5);
    }
    return 0;
  }

  if (!collect) {
    // Runs in parallel need no synchronisation per step and scale with the cores; agents in
    // parallel only pay when there are fewer runs left than cores (docs/SWEEPS.md).
    const long long left = cluster.sum(static_cast<long long>(todo.size()));
    const bool by_runs = parallel == "runs" || (parallel == "auto" && left >= cores);
    SweepExecution execution;
    execution.workers = cluster.worker_threads(by_runs ? cores : 1);
    // Runs at once each hold a world: never more than the memory limit allows.
    const std::uint64_t per_run = std::max<std::uint64_t>(1, plan.memory_per_run);
    const MemoryLimit& limit = plan.memory_limit;
    // A limit of 0 means the machine did not say how much it has: no cap then.
    const auto fit = limit.bytes == 0
                         ? execution.workers
                         : static_cast<int>(std::min<std::uint64_t>(1024, limit.bytes / per_run));
    if (fit < 1)
      throw Error("one run needs about " + format_memory_size(per_run) + ", more than " +
                  format_memory_size(limit.bytes) + " (" + limit.source + ")");
    if (execution.workers > fit) {
      if (root)
        std::printf(
            "memory: %d runs at once would need %s; running %d at once (%s: %s)\n",
            execution.workers,
            format_memory_size(per_run * static_cast<std::uint64_t>(execution.workers)).c_str(),
            fit, limit.source.c_str(), format_memory_size(limit.bytes).c_str());
      execution.workers = fit;
    }
    execution.threads_per_run = by_runs ? 1 : cores;
    execution.rank = cluster.rank();
    execution.processes = cluster.size();
    const bool show = root && !arguments.has("--quiet") && isatty(fileno(stderr)) != 0;
    if (root && !arguments.has("--quiet"))
      std::printf("running %s: %d run(s) at once per process, %d thread(s) each, %d process(es)\n",
                  by_runs ? "runs in parallel" : "agents in parallel", execution.workers,
                  execution.threads_per_run, cluster.size());
    std::fflush(stdout);
    ProgressLine progress(todo.size(), show);
    const bool distributed = cluster.size() > 1;
    if (!distributed)
      execution.finished = [&, done = std::size_t{0}](std::size_t, double) mutable {
        progress.update(++done);
      };
    const auto started = std::chrono::steady_clock::now();
    cluster.distribute(
        todo, execution.workers,
        [&](const Cluster::Next& next) {
          execution.next = next;
          execute_sweep(plan, execution);
        },
        distributed
            ? std::function<void(std::size_t)>([&](std::size_t done) { progress.update(done); })
            : std::function<void(std::size_t)>());
    cluster.barrier();
    if (root && !arguments.has("--quiet"))
      std::printf(
          "ran %zu runs in %.1f s\n", todo.size(),
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }

  if (!root) return 0;
  const std::vector<std::size_t> all = shard_of(plan.runs.size(), 0, 1);
  const std::size_t unfinished = unfinished_runs(plan, all).size();
  if (unfinished > 0) {
    if (collect)
      throw Error(std::to_string(unfinished) + " of " + std::to_string(plan.runs.size()) +
                  " runs are not finished; run the sweep (or its other shards) first");
    std::printf(
        "%zu of %zu runs are not finished yet (other shards?); the summary is written "
        "when all are: chokepoint sweep %s --collect\n",
        unfinished, plan.runs.size(), arguments.positional()[0].c_str());
    return 0;
  }
  write_sweep_summary(plan);
  const std::filesystem::path folder(sweep.output);
  std::printf("summary: %s and %s (%zu rows)\n", (folder / "summary.csv").c_str(),
              (folder / "summary.h5").c_str(), plan.runs.size());
  return 0;
}

}  // namespace chokepoint::cli
