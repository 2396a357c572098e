#pragma once

// How a series is cut into HDF5 chunks (the unit of compression and of partial reads).

#include <cstddef>
#include <vector>

namespace chokepoint::output::detail {

// Up to this many time steps per chunk: reading one step, or a year of steps, touches one or two
// chunks, while a long run still compresses in pieces of useful size.
inline constexpr std::size_t kMaxChunkLeading = 64;
// HDF5's default chunk cache is 1 MiB; a chunk larger than that is re-read for every access.
inline constexpr std::size_t kMaxChunkBytes = 1024 * 1024;

// The chunk shape for a dataset of `shape` with elements of `element_bytes`: the whole extent of
// every dimension but the first, which is capped at kMaxChunkLeading; then the largest
// dimension is halved until a chunk fits in kMaxChunkBytes. Empty when the dataset cannot be
// chunked (a scalar, or any extent of zero): it is then stored contiguous and uncompressed.
std::vector<std::size_t> chunk_shape(const std::vector<std::size_t>& shape,
                                     std::size_t element_bytes);

}  // namespace chokepoint::output::detail
