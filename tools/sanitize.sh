#!/usr/bin/env bash
# The sanitizer pass, run by tools/test.sh after the test suite (and so by CI):
#   1. the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer;
#   2. the flagship at 2 threads under ThreadSanitizer;
#   3. the scenario-loader fuzzer (libFuzzer, clang) for a fixed number of executions on the
#      checked-in corpus of good and bad scenarios.
# Any sanitizer report or fuzzer finding fails it. Each step builds in its own folder
# (build/asan, build/tsan, build/fuzz), so reruns rebuild only what changed.
# Usage: tools/sanitize.sh [--fuzz-runs N]   (default 100000 executions, about 25 s)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
fuzz_runs=100000
[[ ${1:-} == --fuzz-runs ]] && fuzz_runs=$2

echo "== sanitizers 1/3: the test suite under ASan + UBSan"
# -O1 -g1: a third quicker to build than -O2 -g, still fast enough to run the suite, and
# line numbers in every report.
flags=(-DCMAKE_BUILD_TYPE= "-DCMAKE_CXX_FLAGS=-O1 -g1" "-DCMAKE_C_FLAGS=-O1 -g1")
cmake -S . -B build/asan "${flags[@]}" -DCHOKEPOINT_WERROR=ON \
  "-DCHOKEPOINT_SANITIZE=address;undefined" >/dev/null
cmake --build build/asan -j"$jobs"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build/asan && ctest --output-on-failure -j"$jobs")

echo "== sanitizers 2/3: the flagship at 2 threads under TSan"
cmake -S . -B build/tsan "${flags[@]}" -DCHOKEPOINT_WERROR=ON \
  -DCHOKEPOINT_SANITIZE=thread -DCHOKEPOINT_BUILD_TESTS=OFF >/dev/null
cmake --build build/tsan -j"$jobs" --target chokepoint
tsan_out=$(mktemp -d)
trap 'rm -rf "$tsan_out"' EXIT
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tools/tsan.supp \
  build/tsan/chokepoint run scenarios/russia_tech.yaml --threads 2 --quiet \
  --out "$tsan_out/russia_tech.h5"

echo "== sanitizers 3/3: the scenario-loader fuzzer, $fuzz_runs executions"
CC=clang CXX=clang++ cmake -S . -B build/fuzz "${flags[@]}" \
  -DCHOKEPOINT_FUZZ=ON -DCHOKEPOINT_BUILD_TESTS=OFF >/dev/null
cmake --build build/fuzz -j"$jobs" --target scenario_loader_fuzzer
# A copy of the corpus: libFuzzer adds the inputs it finds to the first folder it is given.
corpus=$(mktemp -d)
trap 'rm -rf "$tsan_out" "$corpus"' EXIT
cp tests/data/bad/*.yaml tests/data/good/*.yaml "$corpus"/
build/fuzz/scenario_loader_fuzzer -runs="$fuzz_runs" -seed=1 -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
echo "sanitizers: no reports"
