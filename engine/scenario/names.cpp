#include "scenario/detail/names.hpp"

#include <algorithm>
#include <unordered_set>

#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

// Refuses a name given twice in one list: a sign of a copy-paste slip.
void reject_repeat(std::unordered_set<std::string>& seen, const std::string& name,
                   const Value& item) {
  if (!seen.insert(name).second) item.fail("\"" + name + "\" is listed twice");
}

}  // namespace

Names::Names(const std::vector<StateDesc>& states, const std::vector<SectorDesc>& sectors) {
  for (std::size_t i = 0; i < states.size(); ++i) {
    const StateDesc& state = states[i];
    state_codes_.push_back(state.code);
    state_index_.emplace(state.code, static_cast<StateIndex>(i));
    for (const std::string& bloc : state.blocs) {
      auto [members, first] = bloc_members_.try_emplace(bloc);
      if (first) bloc_names_.push_back(bloc);
      members->second.push_back(static_cast<StateIndex>(i));
    }
  }
  for (std::size_t k = 0; k < sectors.size(); ++k) {
    sector_codes_.push_back(sectors[k].code);
    sector_index_.emplace(sectors[k].code, static_cast<SectorIndex>(k));
  }
}

std::optional<StateIndex> Names::find_state(const std::string& code) const {
  const auto found = state_index_.find(code);
  if (found == state_index_.end()) return std::nullopt;
  return found->second;
}

bool Names::is_bloc(const std::string& name) const {
  return bloc_members_.count(name) > 0;
}

StateIndex Names::state(Value& value) const {
  const std::string code = value.string();
  if (auto index = find_state(code)) return *index;
  if (is_bloc(code)) value.fail("\"" + code + "\" is a bloc; a single state code is needed here");
  value.fail("unknown state \"" + code + "\"" +
             suggestion_suffix(code, state_codes_, "the states are"));
}

SectorIndex Names::sector(Value& value) const {
  const std::string code = value.string();
  if (const auto found = sector_index_.find(code); found != sector_index_.end())
    return found->second;
  value.fail("unknown sector \"" + code + "\"" +
             suggestion_suffix(code, sector_codes_, "the sectors are"));
}

std::vector<StateIndex> Names::bloc_members(const std::string& bloc) const {
  const auto found = bloc_members_.find(bloc);
  return found == bloc_members_.end() ? std::vector<StateIndex>{} : found->second;
}

std::vector<StateIndex> Names::states_or_blocs(Value& list_value, bool allow_empty) const {
  std::vector<StateIndex> result;
  std::vector<bool> included(state_codes_.size(), false);
  std::unordered_set<std::string> seen;
  for (Value& item : list_value.list(allow_empty, /*flow=*/true)) {
    const std::string name = item.string();
    reject_repeat(seen, name, item);
    std::vector<StateIndex> members;
    if (auto index = find_state(name)) {
      members.push_back(*index);
    } else if (is_bloc(name)) {
      members = bloc_members(name);
    } else {
      std::vector<std::string> candidates = state_codes_;
      candidates.insert(candidates.end(), bloc_names_.begin(), bloc_names_.end());
      item.fail("unknown state or bloc \"" + name + "\"" +
                suggestion_suffix(name, candidates, "the states and blocs are"));
    }
    for (const StateIndex member : members)
      if (!included[member]) {
        included[member] = true;
        result.push_back(member);
      }
  }
  return result;
}

std::vector<StateIndex> Names::optional_states_or_blocs(MapReader& map,
                                                        std::string_view key) const {
  if (auto list = map.find(key)) return states_or_blocs(*list, /*allow_empty=*/true);
  YAML::Node none(YAML::NodeType::Sequence);
  none.SetStyle(YAML::EmitterStyle::Flow);
  map.write(key, none);
  return {};
}

std::vector<SectorIndex> Names::sectors(Value& list_value) const {
  std::vector<SectorIndex> result;
  std::unordered_set<std::string> seen;
  for (Value& item : list_value.list(/*allow_empty=*/false, /*flow=*/true)) {
    const SectorIndex index = sector(item);
    reject_repeat(seen, sector_codes_[index], item);
    result.push_back(index);
  }
  return result;
}

}  // namespace chokepoint::scenario_detail
