#pragma once

// Running a sweep: every variant checked up front, runs handed out one at a time by a work
// source (an atomic counter in one process, rank 0 under MPI), each run written to its own
// file as it finishes, and finished runs skipped when the same sweep is started again.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/sweep/sweep.hpp"
#include "chokepoint/world/memory_estimate.hpp"

namespace chokepoint {

struct SweepPlan {
  SweepDescription sweep;
  std::vector<SweepRun> runs;
  std::vector<std::string> variant_hashes;  // per run: hash of its resolved scenario
  std::size_t agents_per_run = 0;           // largest over the variants (firms + slots + buyers)
  std::int32_t steps_per_run = 0;           // largest over the variants
  std::uint64_t memory_per_run = 0;         // bytes, largest estimate over the variants
  MemoryLimit memory_limit;                 // of the first variant: what runs at once share
};

// Loads the sweep's base scenario once per variant with the variant's overrides and seed, so
// a bad axis key or value is reported (as a ScenarioError naming the run and the override)
// before anything runs.
SweepPlan plan_sweep(const SweepDescription& sweep);

// "<output>/runs/run_000042.h5", zero-padded to the width of the largest index.
std::string sweep_run_path(const SweepPlan& plan, std::size_t index);

// A run is finished when its file exists, is a readable run file and records the same
// variant hash (a file from an edited sweep is not mistaken for a result of this one).
bool sweep_run_finished(const SweepPlan& plan, std::size_t index);

// The runs of `share` (indices into plan.runs) that are not finished, in index order.
std::vector<std::size_t> unfinished_runs(const SweepPlan& plan,
                                         const std::vector<std::size_t>& share);

// The runs of shard `shard` of `shards`: every index i with i % shards == shard.
std::vector<std::size_t> shard_of(std::size_t run_count, std::size_t shard, std::size_t shards);

struct SweepExecution {
  int workers = 1;          // runs at once in this process
  int threads_per_run = 1;  // agent-level threads inside each run
  int rank = 0;             // MPI rank, recorded in each run file
  int processes = 1;        // MPI size, recorded in each run file
  // Hands out the next run index to start, or nothing when there is no more work. Called
  // from several worker threads at once.
  std::function<std::optional<std::size_t>()> next;
  // Called (serialised) when a run has been written, with its wall time in seconds.
  std::function<void(std::size_t index, double seconds)> finished;
};

// Runs what `execution.next` hands out until it runs dry. The first error stops the workers
// after their current run and is rethrown; finished runs stay on disk.
void execute_sweep(const SweepPlan& plan, const SweepExecution& execution);

// One row per run, read back from the run files: the varied values, the seed and the
// headline outcomes. Writes "<output>/summary.csv" and "<output>/summary.h5" (each through a
// temporary name). Throws when a run file is missing.
void write_sweep_summary(const SweepPlan& plan);

}  // namespace chokepoint
