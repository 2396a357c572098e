#include "cluster.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

#ifdef CHOKEPOINT_HAVE_MPI
// The C API only: OpenMPI's mpi.h would otherwise pull in the deprecated C++ bindings, which
// need a library we do not link.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace chokepoint::cli {

namespace {

// Set by the launchers we know (OpenMPI's mpirun, PMI/PMIx-based srun and others): without
// one, MPI is not initialised at all, so the plain program never pays for it.
bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

void run_local(const std::vector<std::size_t>& queue,
               const std::function<void(const Cluster::Next&)>& work,
               const std::function<void(std::size_t)>& done) {
  std::atomic<std::size_t> position{0};
  std::atomic<std::size_t> handed{0};
  const Cluster::Next next = [&]() -> std::optional<std::size_t> {
    const std::size_t i = position++;
    if (i >= queue.size()) return std::nullopt;
    ++handed;
    return queue[i];
  };
  work(next);
  if (done) done(handed);
}

}  // namespace

#ifdef CHOKEPOINT_HAVE_MPI

namespace {

constexpr int kRequestTag = 1;
constexpr int kReplyTag = 1000;  // + worker number within the rank

// Rank 0's dispatcher: answers every request with the next run (or -1 when there is none)
// until each worker of every rank has been told to stop. A request after a worker's first
// means it finished a run.
void dispatch(const std::vector<std::size_t>& queue, long long total_workers,
              const std::function<void(std::size_t)>& done) {
  std::size_t position = 0, finished = 0;
  long long stopped = 0;
  while (stopped < total_workers) {
    // Polled with pauses: OpenMPI's blocking receive spins, and the dispatcher would take a
    // core from rank 0's own workers for the whole sweep.
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    long long request[2];  // worker number, 1 if it finished a run since its last request
    MPI_Recv(request, 2, MPI_LONG_LONG, status.MPI_SOURCE, kRequestTag, MPI_COMM_WORLD, &status);
    if (request[1] != 0 && done) done(++finished);
    long long reply = -1;
    if (position < queue.size()) {
      reply = static_cast<long long>(queue[position++]);
    } else {
      ++stopped;
    }
    MPI_Send(&reply, 1, MPI_LONG_LONG, status.MPI_SOURCE, kReplyTag + static_cast<int>(request[0]),
             MPI_COMM_WORLD);
  }
}

}  // namespace

Cluster::Cluster() {
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
  mpi_ = true;
  thread_multiple_ = provided >= MPI_THREAD_MULTIPLE;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  if (mpi_) MPI_Finalize();
}

void Cluster::barrier() {
  if (mpi_) MPI_Barrier(MPI_COMM_WORLD);
}

long long Cluster::sum(long long value) {
  if (!mpi_) return value;
  long long total = 0;
  MPI_Allreduce(&value, &total, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

void Cluster::distribute(const std::vector<std::size_t>& queue, int workers,
                         const std::function<void(const Next&)>& work,
                         const std::function<void(std::size_t)>& done) {
  if (!mpi_ || size_ == 1) {
    run_local(queue, work, done);
    return;
  }
  const bool computes = !is_root() || thread_multiple_;
  // Threads of a rank talk to rank 0 on their own reply tag, so replies never cross.
  const int threads = thread_multiple_ ? workers : 1;
  const long long total_workers = sum(computes ? threads : 0);
  std::thread dispatcher;
  if (is_root()) {
    if (!computes) {
      dispatch(queue, total_workers, done);
      return;
    }
    dispatcher = std::thread([&] { dispatch(queue, total_workers, done); });
  }
  std::atomic<int> numbered{0};
  const Next next = [&]() -> std::optional<std::size_t> {
    thread_local int worker = -1;
    thread_local bool asked = false;
    if (worker < 0) worker = numbered++;
    long long request[2] = {worker, asked ? 1 : 0};
    asked = true;
    MPI_Send(request, 2, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
    long long reply = -1;
    MPI_Recv(&reply, 1, MPI_LONG_LONG, 0, kReplyTag + worker, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (reply < 0) return std::nullopt;
    return static_cast<std::size_t>(reply);
  };
  try {
    work(next);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "chokepoint sweep: rank %d: error: %s\n", rank_, error.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  if (dispatcher.joinable()) dispatcher.join();
}

#else

Cluster::Cluster() {
  if (launched_by_mpi())
    std::fprintf(stderr,
                 "chokepoint: started by an MPI launcher, but this build has no MPI support; "
                 "running as a single process (install libopenmpi-dev and rebuild)\n");
}

Cluster::~Cluster() = default;
void Cluster::barrier() {}
long long Cluster::sum(long long value) {
  return value;
}

void Cluster::distribute(const std::vector<std::size_t>& queue, int,
                         const std::function<void(const Next&)>& work,
                         const std::function<void(std::size_t)>& done) {
  run_local(queue, work, done);
}

#endif

}  // namespace chokepoint::cli
