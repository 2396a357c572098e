#!/usr/bin/env bash
# The main job: install what is missing, build (Release), run the flagship scenario, write
# results/russia_tech.h5 and print a summary. Extra arguments go to `chokepoint run`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCHOKEPOINT_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" --target chokepoint
build/release/chokepoint run scenarios/russia_tech.yaml "$@"
