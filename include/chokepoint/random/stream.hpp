#pragma once

// Counter-based random streams. Every draw in a run comes from a stream keyed by
// (scenario seed, agent id, step, purpose), so a run is a pure function of (scenario, seed)
// whatever the number of threads or processes, and an agent's draws do not shift when other
// agents are added to a phase. The generator is Philox4x32-10 (Salmon et al., SC'11), the
// counter-based generator of Random123: stateless, so creating a stream costs nothing.

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace chokepoint {

// What a draw is for. Two purposes never share a stream, so adding draws for one decision
// leaves every other decision's numbers unchanged. Values are part of the output's meaning:
// append, never renumber.
enum class Purpose : std::uint32_t {
  Attribute = 1,  // initial per-agent attributes (the step field carries the attribute id)
  ChannelChoice = 2,
  HubChoice = 3,
  Search = 4,
  Detection = 5,
  Designation = 6,
  AllInChoice = 7,
  Entry = 8,
  // Parameter sweeps (engine/sweep): the "agent" field carries a point, dimension, trajectory
  // or resample index, the "step" field a sub-stream.
  SweepRandomPoints = 9,
  SweepLatinHypercube = 10,
  SweepMorris = 11,
  SweepBootstrap = 12,
  // Calibration (engine/calibration/cmaes.cpp): the "agent" field carries candidate and
  // dimension, the "step" field the generation, the seed the search seed.
  CalibrationSample = 13,
};

using Philox4x32 = std::array<std::uint32_t, 4>;

// One Philox4x32-10 block: the bijection of `counter` under `key`.
constexpr Philox4x32 philox4x32_10(Philox4x32 counter, std::array<std::uint32_t, 2> key) {
  constexpr std::uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;
  constexpr std::uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t p0 = std::uint64_t{kMul0} * counter[0];
    const std::uint64_t p1 = std::uint64_t{kMul1} * counter[2];
    const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
    key[0] += kWeyl0;
    key[1] += kWeyl1;
  }
  return counter;
}

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t agent, std::uint32_t step, Purpose purpose)
      : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
        counter_{static_cast<std::uint32_t>(agent), step,
                 (static_cast<std::uint32_t>(purpose) << 24) ^
                     static_cast<std::uint32_t>((agent >> 32) & 0xFFFFFFu),
                 0} {}

  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_[used_++];
  }
  std::uint64_t next_u64() {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }
  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1): safe to take the log of.
  double uniform_open() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal by Box-Muller (two uniforms per draw; the second value is discarded so
  // the number of words a draw consumes never depends on earlier draws).
  double normal() {
    const double u1 = uniform_open(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  // Integer in [0, n) (n > 0), by Lemire's multiply-shift; the tiny bias for huge n is
  // irrelevant at the sizes we sample from.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((std::uint64_t{next_u32()} * n) >> 32);
  }

 private:
  void refill() {
    block_ = philox4x32_10(counter_, key_);
    ++counter_[3];
    used_ = 0;
  }

  std::array<std::uint32_t, 2> key_;
  Philox4x32 counter_;
  Philox4x32 block_{};
  int used_ = 4;
};

}  // namespace chokepoint
