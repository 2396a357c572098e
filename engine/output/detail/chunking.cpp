#include "output/detail/chunking.hpp"

#include <algorithm>

namespace chokepoint::output::detail {

std::vector<std::size_t> chunk_shape(const std::vector<std::size_t>& shape,
                                     std::size_t element_bytes) {
  if (shape.empty() || std::find(shape.begin(), shape.end(), 0) != shape.end()) return {};
  std::vector<std::size_t> chunk = shape;
  chunk.front() = std::min(chunk.front(), kMaxChunkLeading);
  const auto bytes = [&] {
    std::size_t total = std::max<std::size_t>(element_bytes, 1);
    for (std::size_t extent : chunk)
      total *= extent;
    return total;
  };
  while (bytes() > kMaxChunkBytes) {
    auto largest = std::max_element(chunk.begin(), chunk.end());
    if (*largest == 1) break;  // a single element larger than the limit: nothing to cut
    *largest = (*largest + 1) / 2;
  }
  return chunk;
}

}  // namespace chokepoint::output::detail
