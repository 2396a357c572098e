#pragma once

// How large an input file may be. Every file the engine reads as input (a scenario, each base
// it extends, a sweep, a targets file, a calibrated scenario) is read only when it is a
// regular file no larger than this; anything else is refused, naming the file, before a byte
// is read. A wrong path to a disk image, /dev/zero or a FIFO then fails at once instead of
// filling memory or waiting forever.
//
// One setting for the whole process, because the command line sets it once (--max-input-size)
// and every reader, however deep in an extends chain or a sweep, must apply the same limit.

#include <cstdint>

namespace chokepoint {

// Far above any real scenario (the flagship is under 40 KiB), small enough that reading and
// validating a file of this size takes seconds.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{16} << 20;

// Replaces the limit; 0 is refused by the command line, not here (it would refuse every file).
void set_max_input_size(std::uint64_t bytes);
std::uint64_t max_input_size();

}  // namespace chokepoint
