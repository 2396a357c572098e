#include "chokepoint/random/stream.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <vector>

using namespace chokepoint;

// Known-answer vectors published with Random123 (kat_vectors) for Philox4x32-10.
TEST_CASE("Philox4x32-10 matches the Random123 known answers", "[random]") {
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        Philox4x32{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                      {0xffffffffu, 0xffffffffu}) ==
        Philox4x32{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                      {0xa4093822u, 0x299f31d0u}) ==
        Philox4x32{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("A stream is a pure function of its key", "[random]") {
  RandomStream a(42, 7, 3, Purpose::Search), b(42, 7, 3, Purpose::Search);
  for (int i = 0; i < 100; ++i)
    REQUIRE(a.next_u64() == b.next_u64());
}

TEST_CASE("Changing any part of the key changes the stream", "[random]") {
  const auto first = [](RandomStream s) { return s.next_u64(); };
  const std::uint64_t base = first(RandomStream(42, 7, 3, Purpose::Search));
  CHECK(first(RandomStream(43, 7, 3, Purpose::Search)) != base);
  CHECK(first(RandomStream(42, 8, 3, Purpose::Search)) != base);
  CHECK(first(RandomStream(42, 7, 4, Purpose::Search)) != base);
  CHECK(first(RandomStream(42, 7, 3, Purpose::Detection)) != base);
  // Agent ids above 2^32 must not alias the low ones.
  CHECK(first(RandomStream(42, 7 + (std::uint64_t{1} << 32), 3, Purpose::Search)) != base);
}

TEST_CASE("Uniform draws have the right range and moments", "[random]") {
  // 10^5 draws: the mean of U(0,1) has sd 1/sqrt(12e5) ~ 0.0009, so 0.005 is > 5 sd.
  RandomStream s(1, 2, 3, Purpose::Attribute);
  double sum = 0, sum_sq = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
  }
  CHECK(sum / n == Approx(0.5).margin(0.005));
  CHECK(sum_sq / n - (sum / n) * (sum / n) == Approx(1.0 / 12).margin(0.002));
}

TEST_CASE("Normal draws have mean 0 and variance 1", "[random]") {
  // 10^5 draws: sd of the mean ~0.003, of the variance ~0.0045; margins are > 5 sd.
  RandomStream s(9, 9, 9, Purpose::Attribute);
  double sum = 0, sum_sq = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double x = s.normal();
    sum += x;
    sum_sq += x * x;
  }
  CHECK(sum / n == Approx(0.0).margin(0.02));
  CHECK(sum_sq / n == Approx(1.0).margin(0.03));
}

TEST_CASE("below(n) covers every value and nothing else", "[random]") {
  RandomStream s(5, 5, 5, Purpose::Search);
  std::set<std::uint32_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto v = s.below(7);
    REQUIRE(v < 7);
    seen.insert(v);
  }
  CHECK(seen.size() == 7);
}
