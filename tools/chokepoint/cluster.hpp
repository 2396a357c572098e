#pragma once

// The processes a sweep runs on: one, or the ranks of an MPI job when the program was started
// by mpirun (and built with MPI). Under MPI, rank 0 hands out runs one at a time to whichever
// worker asks next (dynamic load balancing: no rank idles while another has a queue), and
// takes part in the work itself.

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace chokepoint::cli {

class Cluster {
 public:
  // Initialises MPI when the process was launched by an MPI launcher; otherwise a cluster of
  // one. Finalises MPI when destroyed.
  Cluster();
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  // False when rank 0 only hands out work (an MPI library without MPI_THREAD_MULTIPLE).
  bool root_computes() const { return !mpi_ || thread_multiple_; }
  // Worker threads a rank may run: one when the MPI library cannot take calls from several.
  int worker_threads(int wanted) const { return !mpi_ || thread_multiple_ ? wanted : 1; }

  using Next = std::function<std::optional<std::size_t>()>;
  // Calls `work(next)` on every rank; `work` may call `next` from several threads (at most
  // `workers` per rank) until it returns nothing. The runs handed out are those of `queue`
  // (read on rank 0 only), each exactly once. On rank 0, `done(count)` is called as workers
  // across the cluster report runs finished. An exception from `work` under MPI aborts the
  // job (finished runs stay on disk; the same command resumes).
  void distribute(const std::vector<std::size_t>& queue, int workers,
                  const std::function<void(const Next&)>& work,
                  const std::function<void(std::size_t)>& done);

  void barrier();
  // Sum over ranks.
  long long sum(long long value);

 private:
  int rank_ = 0;
  int size_ = 1;
  bool mpi_ = false;
  bool thread_multiple_ = false;
};

}  // namespace chokepoint::cli
