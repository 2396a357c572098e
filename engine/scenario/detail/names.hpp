#pragma once

// Resolving the names a scenario uses (state codes, bloc names, sector codes) to indices,
// with "did you mean" for the unknown ones.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/scenario/description.hpp"
#include "scenario/detail/node_reader.hpp"

namespace chokepoint::scenario_detail {

class Names {
 public:
  Names(const std::vector<StateDesc>& states, const std::vector<SectorDesc>& sectors);

  std::optional<StateIndex> find_state(const std::string& code) const;
  std::size_t state_count() const { return state_codes_.size(); }
  bool is_bloc(const std::string& name) const;

  StateIndex state(Value& value) const;
  SectorIndex sector(Value& value) const;
  // State codes and bloc names; blocs expand to their members in state order, and a state
  // named twice (directly and through a bloc) is kept once.
  std::vector<StateIndex> states_or_blocs(Value& list_value, bool allow_empty) const;
  // The same for an optional key of `map` whose list may be empty; absent, the list is empty
  // and the resolved scenario records it as `[]`.
  std::vector<StateIndex> optional_states_or_blocs(MapReader& map, std::string_view key) const;
  std::vector<SectorIndex> sectors(Value& list_value) const;
  std::size_t sector_count() const { return sector_codes_.size(); }

  // The codes of resolved indices, for messages written after reading.
  const std::string& state_code(StateIndex state) const { return state_codes_[state]; }
  const std::string& sector_code(SectorIndex sector) const { return sector_codes_[sector]; }

 private:
  std::vector<StateIndex> bloc_members(const std::string& bloc) const;

  std::vector<std::string> state_codes_;
  std::vector<std::string> sector_codes_;
  std::vector<std::string> bloc_names_;  // in order of first mention
  // Lookups by hash, so that resolving n names costs n steps whatever the scenario's size.
  std::unordered_map<std::string, StateIndex> state_index_;
  std::unordered_map<std::string, SectorIndex> sector_index_;
  std::unordered_map<std::string, std::vector<StateIndex>> bloc_members_;
};

}  // namespace chokepoint::scenario_detail
