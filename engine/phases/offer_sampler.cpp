#include "chokepoint/phases/offer_sampler.hpp"

namespace chokepoint {

// Vose's alias method: each column holds at most two outcomes, so a draw is one uniform
// column pick and one biased coin. Built in O(n) from the step's offered quantities.
void rebuild_sampler(SectorSampler& sampler, const Offers& offers) {
  const std::size_t n = sampler.candidates.size();
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    total += offers.quantity[static_cast<std::size_t>(sampler.candidates[i])];
  sampler.total_weight = total;
  if (total <= 0.0 || n == 0) return;
  std::size_t small_count = 0, large_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double scaled = offers.quantity[static_cast<std::size_t>(sampler.candidates[i])] *
                          static_cast<double>(n) / total;
    sampler.probability[i] = scaled;
    sampler.alias[i] = static_cast<std::uint32_t>(i);
    if (scaled < 1.0)
      sampler.small_scratch[small_count++] = static_cast<std::uint32_t>(i);
    else
      sampler.large_scratch[large_count++] = static_cast<std::uint32_t>(i);
  }
  while (small_count > 0 && large_count > 0) {
    const std::uint32_t small = sampler.small_scratch[--small_count];
    const std::uint32_t large = sampler.large_scratch[large_count - 1];
    sampler.alias[small] = large;
    sampler.probability[large] -= 1.0 - sampler.probability[small];
    if (sampler.probability[large] < 1.0) {
      --large_count;
      sampler.small_scratch[small_count++] = large;
    }
  }
  // Leftovers are 1 up to rounding.
  while (large_count > 0)
    sampler.probability[sampler.large_scratch[--large_count]] = 1.0;
  while (small_count > 0)
    sampler.probability[sampler.small_scratch[--small_count]] = 1.0;
}

std::int32_t sample_offer(const SectorSampler& sampler, RandomStream& stream) {
  const std::size_t n = sampler.candidates.size();
  if (sampler.total_weight <= 0.0 || n == 0) return -1;
  const std::uint32_t column = stream.below(static_cast<std::uint32_t>(n));
  const std::uint32_t pick =
      stream.uniform() < sampler.probability[column] ? column : sampler.alias[column];
  return sampler.candidates[pick];
}

}  // namespace chokepoint
