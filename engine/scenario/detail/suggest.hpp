#pragma once

// "Did you mean" for misspelt keys and names.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::scenario_detail {

// The candidate closest to `word` by edit distance (ignoring case, counting a swap of two
// neighbouring letters as one edit), if it is close enough to be a plausible typo.
std::optional<std::string> nearest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

// "; did you mean \"x\"?" when a near candidate exists, otherwise "; expected one of: a, b, c"
// (shortened when the list is long). Appended to "unknown ... \"word\"" messages.
std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view list_intro = "expected one of");

}  // namespace chokepoint::scenario_detail
