#include "scenario/detail/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace chokepoint::scenario_detail {

namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
// of adjacent characters each cost one ("capcaity" is one edit from "capacity").
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

// How many edits still look like a typo rather than a different word: one for short codes
// ("CNN" -> "CN"), up to three for long keys.
std::size_t allowed_edits(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

}  // namespace

std::optional<std::string> nearest_name(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  // Very long words are not typos of our short names; this also bounds the quadratic cost.
  constexpr std::size_t kMaxWordLength = 100;
  if (word.empty() || word.size() > kMaxWordLength) return std::nullopt;
  const std::string needle = lower(word);
  std::optional<std::string> best;
  std::size_t best_distance = allowed_edits(word.size()) + 1;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > kMaxWordLength) continue;
    const std::size_t distance = edit_distance(needle, lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates,
                              std::string_view list_intro) {
  if (auto near = nearest_name(word, candidates)) return "; did you mean \"" + *near + "\"?";
  if (candidates.empty()) return "";
  constexpr std::size_t kMaxListed = 12;
  std::string text = "; " + std::string(list_intro) + ": ";
  for (std::size_t i = 0; i < candidates.size() && i < kMaxListed; ++i) {
    if (i > 0) text += ", ";
    text += candidates[i];
  }
  if (candidates.size() > kMaxListed)
    text += ", ... (" + std::to_string(candidates.size()) + " in all)";
  return text;
}

}  // namespace chokepoint::scenario_detail
