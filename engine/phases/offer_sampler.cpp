#include "chokepoint/phases/offer_sampler.hpp"

namespace chokepoint {

// Vose's alias method: each column holds at most two outcomes, so a draw is one uniform
// column pick and one biased coin. Built in O(n) from the step's offered quantities.
void rebuild_sampler(SectorSampler& sampler, const Offers& offers) {
  const std::size_t n = sampler.candidates.size();
  std::vector<double>& scaled = sampler.scaled;
  std::size_t m = 0;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t offer = sampler.candidates[i];
    const double quantity = offers.quantity[static_cast<std::size_t>(offer)];
    if (!(quantity > 0.0)) continue;
    sampler.columns[m] = {1.0, offer, offer};
    scaled[m] = quantity;
    total += quantity;
    ++m;
  }
  sampler.active = m;
  sampler.total_weight = total;
  if (total <= 0.0 || m == 0) return;
  std::size_t small_count = 0, large_count = 0;
  for (std::size_t i = 0; i < m; ++i) {
    scaled[i] *= static_cast<double>(m) / total;
    if (scaled[i] < 1.0)
      sampler.small_scratch[small_count++] = static_cast<std::uint32_t>(i);
    else
      sampler.large_scratch[large_count++] = static_cast<std::uint32_t>(i);
  }
  while (small_count > 0 && large_count > 0) {
    const std::uint32_t small = sampler.small_scratch[--small_count];
    const std::uint32_t large = sampler.large_scratch[large_count - 1];
    sampler.columns[small].probability = scaled[small];
    sampler.columns[small].alias_offer = sampler.columns[large].offer;
    scaled[large] -= 1.0 - scaled[small];
    if (scaled[large] < 1.0) {
      --large_count;
      sampler.small_scratch[small_count++] = large;
    }
  }
  // Columns left over keep probability 1: their scaled weight is 1 up to rounding.
}

std::int32_t sample_offer(const SectorSampler& sampler, RandomStream& stream) {
  const std::size_t n = sampler.active;
  if (sampler.total_weight <= 0.0 || n == 0) return -1;
  const AliasColumn& column = sampler.columns[stream.below(static_cast<std::uint32_t>(n))];
  return stream.uniform() < column.probability ? column.offer : column.alias_offer;
}

}  // namespace chokepoint
