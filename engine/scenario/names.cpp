#include "scenario/detail/names.hpp"

#include <algorithm>

#include "scenario/detail/suggest.hpp"

namespace chokepoint::scenario_detail {

namespace {

template <typename T>
bool contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::optional<std::uint32_t> index_of(const std::vector<std::string>& names,
                                      const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - names.begin());
}

// Refuses a name given twice in one list: a sign of a copy-paste slip.
void reject_repeat(std::vector<std::string>& seen, const std::string& name, const Value& item) {
  if (contains(seen, name)) item.fail("\"" + name + "\" is listed twice");
  seen.push_back(name);
}

}  // namespace

Names::Names(const std::vector<StateDesc>& states, const std::vector<SectorDesc>& sectors)
    : states_(states) {
  for (const StateDesc& state : states) {
    state_codes_.push_back(state.code);
    for (const std::string& bloc : state.blocs)
      if (!contains(bloc_names_, bloc)) bloc_names_.push_back(bloc);
  }
  for (const SectorDesc& sector : sectors)
    sector_codes_.push_back(sector.code);
}

std::optional<StateIndex> Names::find_state(const std::string& code) const {
  return index_of(state_codes_, code);
}

bool Names::is_bloc(const std::string& name) const {
  return contains(bloc_names_, name);
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
  if (auto index = index_of(sector_codes_, code)) return *index;
  value.fail("unknown sector \"" + code + "\"" +
             suggestion_suffix(code, sector_codes_, "the sectors are"));
}

std::vector<StateIndex> Names::bloc_members(const std::string& bloc) const {
  std::vector<StateIndex> members;
  for (std::size_t i = 0; i < states_.size(); ++i)
    if (contains(states_[i].blocs, bloc)) members.push_back(static_cast<StateIndex>(i));
  return members;
}

std::vector<StateIndex> Names::states_or_blocs(Value& list_value, bool allow_empty) const {
  std::vector<StateIndex> result;
  std::vector<std::string> seen;
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
      if (!contains(result, member)) result.push_back(member);
  }
  return result;
}

std::vector<SectorIndex> Names::sectors(Value& list_value) const {
  std::vector<SectorIndex> result;
  std::vector<std::string> seen;
  for (Value& item : list_value.list(/*allow_empty=*/false, /*flow=*/true)) {
    const SectorIndex index = sector(item);
    reject_repeat(seen, sector_codes_[index], item);
    result.push_back(index);
  }
  return result;
}

}  // namespace chokepoint::scenario_detail
