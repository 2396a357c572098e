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
