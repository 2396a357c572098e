// libFuzzer target for the scenario loader: any byte string must either load or raise a
// ScenarioError; anything else escaping (another exception, a crash, a sanitizer report, a
// hang) is a bug. Built only with -DCHOKEPOINT_FUZZ=ON and clang:
//   CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCHOKEPOINT_FUZZ=ON -DCHOKEPOINT_BUILD_TESTS=OFF
//   cmake --build build/fuzz --target scenario_loader_fuzzer
//   build/fuzz/scenario_loader_fuzzer -max_total_time=600 -max_len=4096 tests/data/bad
//   tests/data/good

#include <cstddef>
#include <cstdint>
#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    chokepoint::load_scenario_text(text, "<fuzz>");
  } catch (const chokepoint::ScenarioError&) {
    // The expected outcome for malformed input.
  }
  return 0;
}
