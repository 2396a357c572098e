#pragma once

#include <cstdio>
#include <string>

#include "chokepoint/output/run_record.hpp"

namespace chokepoint::cli {

// The delivered price of the controlled goods by hop (price_maker ... price_tariff) and by
// route, over steps [from, to): each hop as a share of the sector's mean delivered price in the
// run's first year, averaged over the controlled sectors with the first year's delivered value
// as weights, so the "total" row reads like the price index. Then the same goods' price
// elsewhere and the premium the target paid over it. Works from the record alone.
void print_price_hops(std::FILE* out, const RunRecord& record, std::size_t from, std::size_t to,
                      const std::string& period);

// One line per calendar year: the price index, the same goods' index elsewhere, the premium,
// and the focus group's share of controlled imports on both bases (shipping and making) with
// the share of what the focus group ships that was made elsewhere.
void print_yearly_prices_and_origins(std::FILE* out, const RunRecord& record,
                                     const std::string& focus_label);

}  // namespace chokepoint::cli
