// memory_probe: the machine's side of the roofline in docs/PERFORMANCE.md. Measures streaming
// bandwidth (a STREAM triad, a[i] = b[i] + s c[i]) and the rate of independent random reads
// (x[index[i]] summed, the access pattern of buyers reading offers) at 1..N threads, for
// tables from cache-resident to far larger than the last-level cache. A benchmark, never a
// test: the figures depend on the machine and on what else runs on it.

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

const char* const kHelp =
    R"HELP(memory_probe - streaming bandwidth and random-read rate of this machine

Usage: memory_probe [--threads LIST] [--megabytes N] [--repeats N]

  --threads LIST  comma-separated thread counts (default 1,2)
  --megabytes N   size of each triad array and of the largest gather table (default 256)
  --repeats N     timed passes per figure; the best is reported (default 5)

Triad: GB/s counted as STREAM does, 24 bytes per element (two reads and a write; the
write-allocate read the hardware adds is not counted). Gather: millions of independent 8-byte
reads per second at random positions of a table of the given size, the index read
sequentially (4 bytes per read, not counted). docs/PERFORMANCE.md uses these as the roofline.
)HELP";

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Deterministic positions (splitmix64), so that every run reads the same pattern.
std::vector<std::uint32_t> random_positions(std::size_t count, std::size_t table) {
  std::vector<std::uint32_t> positions(count);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (std::uint32_t& p : positions) {
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    p = static_cast<std::uint32_t>(z % table);
  }
  return positions;
}

// Best seconds of `repeats` runs of `pass`.
template <typename Pass>
double best_of(int repeats, Pass&& pass) {
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const Clock::time_point start = Clock::now();
    pass();
    best = std::min(best, seconds_since(start));
  }
  return best;
}

double triad_gb_per_s(std::size_t elements, int repeats) {
  std::vector<double> a(elements), b(elements), c(elements);
  // First touch in parallel, so that pages are spread as the timed loop uses them.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, elements), [&](const auto& range) {
    for (std::size_t i = range.begin(); i < range.end(); ++i) {
      a[i] = 0.0;
      b[i] = 1.0;
      c[i] = 2.0;
    }
  });
  const double scalar = 3.0;
  const double seconds = best_of(repeats, [&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, elements, 1 << 16),
                      [&](const auto& range) {
                        for (std::size_t i = range.begin(); i < range.end(); ++i)
                          a[i] = b[i] + scalar * c[i];
                      });
  });
  if (a[elements / 2] != 7.0) std::fprintf(stderr, "memory_probe: triad result is wrong\n");
  return 24.0 * static_cast<double>(elements) / seconds / 1e9;
}

double gather_millions_per_s(std::size_t table_elements, std::size_t reads, int repeats) {
  std::vector<double> table(table_elements);
  for (std::size_t i = 0; i < table_elements; ++i)
    table[i] = static_cast<double>(i & 1023);
  const std::vector<std::uint32_t> positions = random_positions(reads, table_elements);
  double sum = 0.0;
  const double seconds = best_of(repeats, [&] {
    sum = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, reads, 1 << 14), 0.0,
        [&](const auto& range, double partial) {
          for (std::size_t i = range.begin(); i < range.end(); ++i)
            partial += table[positions[i]];
          return partial;
        },
        [](double x, double y) { return x + y; });
  });
  if (sum < 0.0) std::fprintf(stderr, "memory_probe: gather result is wrong\n");
  return static_cast<double>(reads) / seconds / 1e6;
}

std::vector<int> parse_threads(const std::string& list) {
  std::vector<int> threads;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const int value = std::atoi(list.substr(start, comma - start).c_str());
    if (value < 1 || value > 1024) {
      std::fprintf(stderr, "memory_probe: --threads wants counts from 1 to 1024, got \"%s\"\n",
                   list.c_str());
      std::exit(2);
    }
    threads.push_back(value);
    start = comma + 1;
  }
  return threads;
}

}  // namespace

int main(int argc, char** argv) {
  std::string thread_list = "1,2";
  long megabytes = 256;
  int repeats = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (arg == "--threads" && has_value) {
      thread_list = argv[++i];
    } else if (arg == "--megabytes" && has_value) {
      megabytes = std::atol(argv[++i]);
    } else if (arg == "--repeats" && has_value) {
      repeats = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "memory_probe: unknown or incomplete argument \"%s\" (see --help)\n",
                   arg.c_str());
      return 2;
    }
  }
  if (megabytes < 1 || megabytes > 16384 || repeats < 1 || repeats > 100) {
    std::fprintf(stderr, "memory_probe: --megabytes wants 1..16384 and --repeats 1..100\n");
    return 2;
  }
  const std::vector<int> threads = parse_threads(thread_list);
  const std::size_t elements = static_cast<std::size_t>(megabytes) * 1024 * 1024 / 8;
  std::vector<std::size_t> tables;  // gather table sizes in bytes: 256 KiB, 4 MiB, 32 MiB, max
  for (std::size_t bytes : {std::size_t{256} << 10, std::size_t{4} << 20, std::size_t{32} << 20})
    if (bytes < elements * 8) tables.push_back(bytes);
  tables.push_back(elements * 8);
  const std::size_t reads = std::size_t{1} << 24;

  std::printf("%8s %14s", "threads", "triad GB/s");
  for (std::size_t bytes : tables)
    std::printf("  gather %6.1f MiB (M/s)", static_cast<double>(bytes) / (1024.0 * 1024.0));
  std::printf("\n");
  for (int t : threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(t));
    std::printf("%8d %14.2f", t, triad_gb_per_s(elements, repeats));
    for (std::size_t bytes : tables)
      std::printf("  %24.1f", gather_millions_per_s(bytes / 8, reads, repeats));
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}
