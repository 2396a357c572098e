// Tying target quantities to a run's layout: which dataset, which labels (blocs and sector
// groups expanded), which steps. Everything is checked here, once, so that computing a
// statistic from a run is plain arithmetic.

#include "chokepoint/calibration/targets.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>

#include "chokepoint/scenario/calendar.hpp"
#include "chokepoint/sim/metrics.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint {

namespace {

using scenario_detail::suggestion_suffix;

std::string month_label(std::int32_t index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", index / 12, index % 12 + 1);
  return buffer;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : ", ") + part;
  return text;
}

void add_layout(TargetContext& context, const RunRecord& record) {
  context.axes = record.axes;
  for (const Series& series : record.series)
    context.series_dims.emplace_back(series.name, series.dims);
}

class Resolver {
 public:
  Resolver(const Target& target, const TargetContext& context)
      : target_(target), context_(context) {}

  ResolvedTarget resolve() const {
    ResolvedTarget resolved;
    resolved.numerator = term(target_.quantity.numerator);
    if (target_.quantity.denominator) resolved.denominator = term(*target_.quantity.denominator);
    resolved.period = steps(target_.period, target_.period_at, ".period");
    if (target_.relative_to)
      resolved.relative_to = steps(*target_.relative_to, target_.relative_to_at, ".relative_to");
    return resolved;
  }

 private:
  // At the word `offset` points to in the quantity's text.
  [[noreturn]] void fail_quantity(const std::string& message, std::size_t offset) const {
    throw ScenarioError(target_.quantity_location(offset), target_.key_path + ".quantity", message);
  }

  const std::vector<std::string>* dims_of(const std::string& series) const {
    for (const auto& [name, dims] : context_.series_dims)
      if (name == series) return &dims;
    return nullptr;
  }

  std::vector<std::string> monthly_series() const {
    std::vector<std::string> names;
    for (const auto& [name, dims] : context_.series_dims)
      if (!dims.empty() && dims.front() == "time") names.push_back(name);
    return names;
  }

  const Axis& axis(const std::string& name, std::size_t offset) const {
    for (const Axis& a : context_.axes)
      if (a.name == name) return a;
    fail_quantity("the " + context_.source + " has no axis \"" + name + "\"", offset);
  }

  // Axes whose labels are state codes, where a bloc stands for its members.
  static bool is_state_axis(const std::string& dim) {
    return dim == "state" || dim == "hub" || dim == "shipper";
  }

  // The labels one name stands for on an axis: itself, a bloc's members, a sector group.
  std::vector<std::string> expand(const std::string& dim, const std::string& label, const Axis& on,
                                  std::size_t offset) const {
    if (std::find(on.labels.begin(), on.labels.end(), label) != on.labels.end()) return {label};
    std::vector<std::string> names = on.labels;
    if (is_state_axis(dim)) {
      for (const auto& [bloc, members] : context_.blocs) {
        names.push_back(bloc);
        if (bloc != label) continue;
        std::vector<std::string> present;
        for (const std::string& member : members)
          if (std::find(on.labels.begin(), on.labels.end(), member) != on.labels.end())
            present.push_back(member);
        if (present.empty())
          fail_quantity("no member of the bloc \"" + label + "\" is on the " + dim + " axis (" +
                            joined(on.labels) + ")",
                        offset);
        return present;
      }
    }
    if (dim == "sector") {
      if (label == "controlled" || label == "uncontrolled") {
        const auto& group =
            label == "controlled" ? context_.controlled_sectors : context_.uncontrolled_sectors;
        if (group.empty())
          fail_quantity("the " + context_.source + " has no " + label + " sector", offset);
        return group;
      }
      names.push_back("controlled");
      names.push_back("uncontrolled");
    }
    const std::string kind = is_state_axis(dim) ? "a " + dim + " code or a bloc"
                             : dim == "sector"  ? "a sector code, controlled or uncontrolled"
                                                : "one of its labels";
    fail_quantity("unknown " + dim + " \"" + label + "\"; expected " + kind +
                      suggestion_suffix(label, names, "expected one of"),
                  offset);
  }

  ResolvedTerm term(const TargetTerm& term) const {
    const std::vector<std::string>* dims = dims_of(term.series);
    if (dims == nullptr || dims->empty() || dims->front() != "time") {
      if (dims != nullptr)
        fail_quantity("series \"" + term.series + "\" is not monthly (its first dim is not time)",
                      term.series_at);
      fail_quantity("unknown series \"" + term.series + "\" in the " + context_.source +
                        suggestion_suffix(term.series, monthly_series(), "expected one of"),
                    term.series_at);
    }
    for (const TargetSelector& selector : term.selectors)
      if (std::find(dims->begin() + 1, dims->end(), selector.dim) == dims->end()) {
        std::vector<std::string> own(dims->begin() + 1, dims->end());
        fail_quantity("series \"" + term.series + "\" has no dim \"" + selector.dim + "\"" +
                          (own.empty() ? std::string("; it has none but time")
                                       : suggestion_suffix(selector.dim, own, "its dims are")),
                      selector.dim_at);
      }
    // Per dim (after time): the indices selected, all when the dim is not named.
    ResolvedTerm resolved;
    resolved.series = term.series;
    std::vector<std::vector<std::size_t>> chosen;
    std::vector<std::size_t> sizes;
    for (std::size_t d = 1; d < dims->size(); ++d) {
      const Axis& on = axis((*dims)[d], term.series_at);
      sizes.push_back(on.size());
      std::vector<std::size_t> indices;
      const auto selector =
          std::find_if(term.selectors.begin(), term.selectors.end(),
                       [&](const TargetSelector& s) { return s.dim == (*dims)[d]; });
      if (selector == term.selectors.end()) {
        for (std::size_t i = 0; i < on.size(); ++i)
          indices.push_back(i);
      } else {
        for (std::size_t l = 0; l < selector->labels.size(); ++l)
          for (const std::string& member :
               expand(selector->dim, selector->labels[l], on, selector->labels_at[l])) {
            const auto at = static_cast<std::size_t>(
                std::find(on.labels.begin(), on.labels.end(), member) - on.labels.begin());
            if (std::find(indices.begin(), indices.end(), at) == indices.end())
              indices.push_back(at);
          }
        std::sort(indices.begin(), indices.end());
      }
      chosen.push_back(std::move(indices));
    }
    for (std::size_t size : sizes)
      resolved.inner *= size;
    // Row-major offsets of every combination of the chosen indices.
    resolved.offsets = {0};
    for (std::size_t d = 0; d < chosen.size(); ++d) {
      std::vector<std::size_t> next;
      for (std::size_t offset : resolved.offsets)
        for (std::size_t index : chosen[d])
          next.push_back(offset * sizes[d] + index);
      resolved.offsets = std::move(next);
    }
    return resolved;
  }

  StepSpan steps(const MonthSpan& span, const SourceLocation& where, const std::string& key) const {
    const std::int32_t run_last =
        context_.first_month + context_.steps * context_.months_per_step - 1;
    if (span.first < context_.first_month || span.last > run_last)
      throw ScenarioError(where, target_.key_path + key,
                          "the period " + span.text + " is outside the run (" +
                              month_label(context_.first_month) + ".." + month_label(run_last) +
                              ")");
    const auto step_of = [&](std::int32_t month) {
      return static_cast<std::size_t>((month - context_.first_month) / context_.months_per_step);
    };
    return {step_of(span.first), step_of(span.last) + 1};
  }

  const Target& target_;
  const TargetContext& context_;
};

}  // namespace

TargetContext target_context(const ScenarioDescription& scenario) {
  TargetContext context;
  context.source = "scenario " + scenario.name;
  context.first_month = scenario.calendar.month_index(0);
  context.months_per_step = scenario.calendar.months_per_step;
  context.steps = scenario.calendar.steps;
  add_layout(context, MetricsBuffer(scenario).record());
  for (const StateDesc& state : scenario.states)
    for (const std::string& bloc : state.blocs) {
      auto entry = std::find_if(context.blocs.begin(), context.blocs.end(),
                                [&](const auto& b) { return b.first == bloc; });
      if (entry == context.blocs.end())
        entry = context.blocs.insert(context.blocs.end(), {bloc, {}});
      entry->second.push_back(state.code);
    }
  for (const SectorDesc& sector : scenario.sectors)
    (sector.controlled ? context.controlled_sectors : context.uncontrolled_sectors)
        .push_back(sector.code);
  return context;
}

TargetContext target_context(const RunRecord& record, const std::string& file) {
  TargetContext context;
  context.source = "run file " + file;
  const auto start = parse_year_month(record.meta.calendar_start);
  if (!start) throw OutputError(file + ": calendar_start is not YYYY-MM");
  context.first_month = start->first * 12 + start->second - 1;
  context.months_per_step = std::max(1, record.meta.months_per_step);
  context.steps = record.meta.steps;
  add_layout(context, record);
  // Blocs are not datasets; the recorded scenario has them. Only the states' codes and blocs
  // are read, so a file written by another engine version still resolves.
  try {
    const YAML::Node scenario = YAML::Load(record.meta.resolved_scenario);
    for (const YAML::Node& state : scenario["states"])
      for (const YAML::Node& bloc : state["blocs"]) {
        auto entry = std::find_if(context.blocs.begin(), context.blocs.end(),
                                  [&](const auto& b) { return b.first == bloc.Scalar(); });
        if (entry == context.blocs.end())
          entry = context.blocs.insert(context.blocs.end(), {bloc.Scalar(), {}});
        entry->second.push_back(state["code"].Scalar());
      }
  } catch (const YAML::Exception& error) {
    throw OutputError(file + ": cannot read the blocs of its scenario_yaml: " + error.msg);
  }
  const Series* controlled = record.find_series("sector_controlled");
  const Axis* sectors = record.find_axis("sector");
  if (controlled != nullptr && sectors != nullptr)
    for (std::size_t k = 0; k < sectors->labels.size() && k < controlled->values.size(); ++k)
      (controlled->values[k] != 0.0 ? context.controlled_sectors : context.uncontrolled_sectors)
          .push_back(sectors->labels[k]);
  return context;
}

std::vector<ResolvedTarget> resolve_targets(const TargetsFile& targets,
                                            const TargetContext& context) {
  std::vector<ResolvedTarget> resolved;
  for (const Target& target : targets.targets)
    resolved.push_back(Resolver(target, context).resolve());
  return resolved;
}

}  // namespace chokepoint
