#include "chokepoint/phases/offer_sampler.hpp"

#include <catch2/catch.hpp>

using namespace chokepoint;

TEST_CASE("Offers are sampled in proportion to quantity, never when empty", "[matching]") {
  Offers offers;
  offers.quantity = {10.0, 0.0, 30.0, 60.0};
  SectorSampler sampler;
  sampler.candidates = {0, 1, 2, 3};
  sampler.columns.assign(4, AliasColumn{});
  sampler.scaled.assign(4, 0.0);
  sampler.small_scratch.assign(4, 0);
  sampler.large_scratch.assign(4, 0);
  rebuild_sampler(sampler, offers);
  std::vector<int> counts(4, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    RandomStream stream(1, static_cast<std::uint64_t>(i), 0, Purpose::Search);
    ++counts[static_cast<std::size_t>(sample_offer(sampler, stream))];
  }
  // Binomial sd at n=1e5 is below 0.0016 for these shares; 0.01 is > 6 sd.
  CHECK(counts[1] == 0);
  CHECK(counts[0] / double(n) == Approx(0.1).margin(0.01));
  CHECK(counts[2] / double(n) == Approx(0.3).margin(0.01));
  CHECK(counts[3] / double(n) == Approx(0.6).margin(0.01));

  offers.quantity = {0.0, 0.0, 0.0, 0.0};
  rebuild_sampler(sampler, offers);
  RandomStream stream(1, 1, 1, Purpose::Search);
  CHECK(sample_offer(sampler, stream) == -1);
}

namespace {

SectorSampler sampler_over(const std::vector<std::int32_t>& candidates) {
  SectorSampler sampler;
  sampler.candidates = candidates;
  const std::size_t n = candidates.size();
  sampler.columns.assign(n, AliasColumn{});
  sampler.scaled.assign(n, 0.0);
  sampler.small_scratch.assign(n, 0);
  sampler.large_scratch.assign(n, 0);
  return sampler;
}

}  // namespace

// Common random numbers: a run with a dormant local plant, an abstaining firm or a vacant
// trader slot draws exactly what the same run without them draws.
TEST_CASE("Offers of nothing never shift the draws of the others", "[matching]") {
  Offers offers;
  offers.quantity = {10.0, 0.0, 30.0, 0.0, 60.0};
  SectorSampler with_empty = sampler_over({0, 1, 2, 3, 4});
  SectorSampler without = sampler_over({0, 2, 4});
  rebuild_sampler(with_empty, offers);
  rebuild_sampler(without, offers);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    RandomStream a(3, i, 0, Purpose::Search);
    RandomStream b(3, i, 0, Purpose::Search);
    REQUIRE(sample_offer(with_empty, a) == sample_offer(without, b));
  }
}
