#!/usr/bin/env bash
# Install what is missing, build with warnings as errors, run the whole test suite, then the
# sanitizer pass.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --tests
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHOKEPOINT_WERROR=ON >/dev/null
cmake --build build/test -j"$(nproc)"
(cd build/test && ctest --output-on-failure -j"$(nproc)" "$@")
# The whole suite (no ctest arguments) ends with the sanitizer pass: ASan + UBSan, TSan and the
# fuzzer (tools/sanitize.sh). CHOKEPOINT_SANITIZERS=0 skips it for a quick local run.
if [[ $# -eq 0 && ${CHOKEPOINT_SANITIZERS:-1} != 0 ]]; then
  tools/sanitize.sh
fi
