#include "scenario/detail/check_overlaps.hpp"

#include <algorithm>
#include <optional>

#include "scenario/detail/dates.hpp"
#include "scenario/detail/scalar_text.hpp"

namespace chokepoint::scenario_detail {

namespace {

// What an instrument sets a value for: a (state, sector) pair, or a whole sector.
struct Cell {
  std::optional<StateIndex> state;
  SectorIndex sector = 0;

  bool operator==(const Cell&) const = default;
};

template <typename Policy>
using CellsOf = std::function<std::vector<Cell>(const Policy&)>;

// Every (state, sector) pair of an instrument given as a list of states and a list of sectors.
template <typename Policy>
CellsOf<Policy> per_state_and_sector(std::vector<StateIndex> Policy::*states,
                                     std::vector<SectorIndex> Policy::*sectors) {
  return [=](const Policy& policy) {
    std::vector<Cell> cells;
    for (StateIndex state : policy.*states)
      for (SectorIndex sector : policy.*sectors)
        cells.push_back({state, sector});
    return cells;
  };
}

template <typename Policy>
CellsOf<Policy> per_sector(std::vector<SectorIndex> Policy::*sectors) {
  return [=](const Policy& policy) {
    std::vector<Cell> cells;
    for (SectorIndex sector : policy.*sectors)
      cells.push_back({std::nullopt, sector});
    return cells;
  };
}

// Why two entries in force together on one cell contradict each other, as the end of the
// message (" with a different rate (0.2 vs 0.1)"), or "" when they combine.
template <typename Policy>
using Conflict = std::function<std::string(const Policy& earlier, const Policy& later)>;

// A value that overlapping entries must agree on.
template <typename Policy>
Conflict<Policy> differs(double Policy::*value, const std::string& key) {
  return [=](const Policy& earlier, const Policy& later) -> std::string {
    if (later.*value == earlier.*value) return "";
    return " with a different " + key + " (" + format_number(later.*value) + " vs " +
           format_number(earlier.*value) + ")";
  };
}

// Entries that may not overlap at all.
template <typename Policy>
Conflict<Policy> never(const std::string& reason) {
  return [=](const Policy&, const Policy&) { return reason; };
}

template <typename Policy>
struct OverlapRule {
  std::string list;  // key under policies:
  CellsOf<Policy> cells;
  Conflict<Policy> conflict;
  std::string advice;  // how to resolve it
};

// Duties in force together add up (engine/policy/tariffs.cpp), so two entries for the same
// goods and months are either a duplicate that charges twice or two statements of one rate.
std::string tariff_conflict(const Tariff& earlier, const Tariff& later) {
  if (later.rate != earlier.rate) return differs(&Tariff::rate, "rate")(earlier, later);
  return " with the same rate (" + format_number(later.rate) +
         "), which would be charged twice (duties in force together add up)";
}

// The widest package's end-use checks apply (engine/policy/export_controls.cpp); between two
// equally wide packages that would be whichever comes later in the file.
std::string control_conflict(const ExportControl& earlier, const ExportControl& later) {
  if (later.coverage != earlier.coverage || later.end_use_checks == earlier.end_use_checks)
    return "";
  return " with the same coverage (" + format_number(later.coverage) +
         ") but different end_use_checks (" + format_number(later.end_use_checks) + " vs " +
         format_number(earlier.end_use_checks) +
         "); the widest package's checks apply and neither is wider";
}

class OverlapChecker {
 public:
  OverlapChecker(const PolicyEntries& entries, const Names& names, const Calendar& calendar)
      : entries_(entries), names_(names), calendar_(calendar) {}

  template <typename Policy>
  void operator()(const std::vector<Policy>& policies, const OverlapRule<Policy>& rule) const {
    if (policies.size() < 2) return;
    const std::vector<PolicyEntry>& entries = entries_.at(rule.list);
    std::vector<std::vector<Cell>> cells;
    for (const Policy& policy : policies)
      cells.push_back(rule.cells(policy));
    for (std::size_t later = 1; later < policies.size(); ++later) {
      for (std::size_t earlier = 0; earlier < later; ++earlier) {
        const ActiveSpan overlap = overlap_of(policies[earlier].span, policies[later].span);
        if (overlap.start >= overlap.end) continue;
        const std::string why = rule.conflict(policies[earlier], policies[later]);
        if (why.empty()) continue;
        const std::optional<Cell> shared = first_shared(cells[later], cells[earlier]);
        if (!shared) continue;
        const PolicyEntry& at = entries[later];
        const PolicyEntry& other = entries[earlier];
        throw ScenarioError(at.name_location, at.path + ".name",
                            quoted(at.name) + " overlaps " + other.path + " (" +
                                quoted(other.name) + ") on " + describe(*shared) + " " +
                                months(overlap) + why + "; " + rule.advice);
      }
    }
  }

 private:
  ActiveSpan overlap_of(const ActiveSpan& a, const ActiveSpan& b) const {
    return {std::max(a.start, b.start), std::min({a.end, b.end, calendar_.steps})};
  }

  static std::optional<Cell> first_shared(const std::vector<Cell>& cells,
                                          const std::vector<Cell>& others) {
    for (const Cell& cell : cells)
      if (std::find(others.begin(), others.end(), cell) != others.end()) return cell;
    return std::nullopt;
  }

  std::string describe(const Cell& cell) const {
    const std::string& sector = names_.sector_code(cell.sector);
    return cell.state ? names_.state_code(*cell.state) + "/" + sector : sector;
  }

  // The calendar months of a span of steps, both ends included: "from 2024-01 to 2024-06".
  std::string months(const ActiveSpan& span) const {
    const std::int32_t last = calendar_.month_index(span.end) - 1;
    const std::string last_label = YearMonth{last / 12, last % 12 + 1}.label();
    const std::string first_label = calendar_.label(span.start);
    if (first_label == last_label) return "in " + first_label;
    return "from " + first_label + " to " + last_label;
  }

  const PolicyEntries& entries_;
  const Names& names_;
  const Calendar& calendar_;
};

}  // namespace

// The contradictions, one row per instrument. An instrument with one value per state and
// sector (or per sector) whose overlapping entries the engine cannot combine gets a row here:
// which cells it covers, when two entries contradict, and how to fix it. Instruments that
// combine (export-control coverage: widest; quotas: tightest; sanctions and enforcement: add)
// are left out on purpose; docs/SCENARIO_FORMAT.md, "Overlapping policies", says why.
// A new instrument read with read_list (load_policies.cpp records its entries) is one row,
// like local_content's below.
void check_overlaps(const Policies& policies, const PolicyEntries& entries, const Names& names,
                    const Calendar& calendar) {
  const OverlapChecker check(entries, names, calendar);
  check(policies.tariffs,
        OverlapRule<Tariff>{"tariffs", per_state_and_sector(&Tariff::origins, &Tariff::sectors),
                            tariff_conflict,
                            "give one rate per origin and sector, or make their periods not "
                            "overlap"});
  check(policies.import_subsidies,
        OverlapRule<ImportSubsidy>{
            "import_substitution_subsidies", per_sector(&ImportSubsidy::sectors),
            never<ImportSubsidy>(", but only one subsidy can pay for a sector at a time "
                                 "(which budget and rates would apply is ambiguous)"),
            "merge them into one policy, or make their periods not overlap"});
  check(
      policies.export_controls,
      OverlapRule<ExportControl>{
          "export_controls",
          per_state_and_sector(&ExportControl::imposers, &ExportControl::sectors), control_conflict,
          "give them the same end_use_checks, or make their periods not overlap"});
  // Shares combine (the largest binds), but a local plant has one cost.
  check(policies.local_content,
        OverlapRule<LocalContentRule>{
            "local_content",
            per_state_and_sector(&LocalContentRule::origins, &LocalContentRule::sectors),
            differs(&LocalContentRule::cost_premium, "cost_premium"),
            "give one cost_premium per origin and sector, or make their periods not overlap"});
}

}  // namespace chokepoint::scenario_detail
