// Chunk shapes: whole small dimensions, at most 64 steps, at most 1 MiB.

#include "output/detail/chunking.hpp"

#include <catch2/catch.hpp>

namespace chokepoint::output::detail {
namespace {

std::size_t chunk_bytes(const std::vector<std::size_t>& chunk) {
  std::size_t bytes = 8;
  for (std::size_t extent : chunk)
    bytes *= extent;
  return bytes;
}

TEST_CASE("small datasets are one chunk", "[output][chunking]") {
  CHECK(chunk_shape({12, 4, 5}, 8) == std::vector<std::size_t>{12, 4, 5});
  CHECK(chunk_shape({1}, 8) == std::vector<std::size_t>{1});
}

TEST_CASE("the leading dimension is cut at 64", "[output][chunking]") {
  CHECK(chunk_shape({240, 10}, 8) == std::vector<std::size_t>{64, 10});
  CHECK(chunk_shape({64}, 8) == std::vector<std::size_t>{64});
  CHECK(chunk_shape({65}, 8) == std::vector<std::size_t>{64});
}

TEST_CASE("large chunks are halved along their largest dimension", "[output][chunking]") {
  const std::vector<std::size_t> chunk = chunk_shape({120, 100000, 3}, 8);
  REQUIRE(chunk.size() == 3);
  CHECK(chunk_bytes(chunk) <= kMaxChunkBytes);
  CHECK(chunk[0] == 64);
  CHECK(chunk[1] < 100000);
  CHECK(chunk[2] == 3);
  // Not cut further than needed: doubling the cut dimension would overflow the limit.
  CHECK(chunk_bytes({chunk[0], chunk[1] * 2, chunk[2]}) > kMaxChunkBytes);
}

TEST_CASE("scalars and empty datasets are not chunked", "[output][chunking]") {
  CHECK(chunk_shape({}, 8).empty());
  CHECK(chunk_shape({0}, 8).empty());
  CHECK(chunk_shape({5, 0, 3}, 8).empty());
}

}  // namespace
}  // namespace chokepoint::output::detail
