#pragma once

// Checks on the raw text before yaml-cpp sees it: that it is text at all, and that it does
// not nest deeper than any scenario needs (yaml-cpp parses recursively).

#include <string>

namespace chokepoint::scenario_detail {

// Flow collections ([ ] and { }) nested deeper than this are refused before parsing. A
// scenario needs four levels at most; 64 leaves room for any reasonable layout.
constexpr int kMaxFlowNesting = 64;

// Throws ScenarioError at the offending character.
void check_text(const std::string& text, const std::string& file);

}  // namespace chokepoint::scenario_detail
