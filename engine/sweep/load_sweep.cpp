#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "chokepoint/error.hpp"
#include "chokepoint/output/table_file.hpp"
#include "chokepoint/sweep/sweep.hpp"
#include "scenario/detail/documents.hpp"
#include "scenario/detail/node_reader.hpp"
#include "scenario/detail/suggest.hpp"

namespace chokepoint {

namespace {

using scenario_detail::IntegerRange;
using scenario_detail::MapReader;
using scenario_detail::NumberRange;
using scenario_detail::Value;

struct DesignName {
  SweepDesign design;
  const char* name;
};
constexpr DesignName kDesigns[] = {
    {SweepDesign::Grid, "grid"},         {SweepDesign::Zip, "zip"},
    {SweepDesign::Random, "random"},     {SweepDesign::LatinHypercube, "latin_hypercube"},
    {SweepDesign::Sobol, "sobol"},       {SweepDesign::Morris, "morris"},
    {SweepDesign::Saltelli, "saltelli"},
};

bool sampled(SweepDesign design) {
  return design != SweepDesign::Grid && design != SweepDesign::Zip;
}

SweepDesign read_design(MapReader& top) {
  auto value = top.find("design");
  if (!value) {
    top.write("design", "grid");
    return SweepDesign::Grid;
  }
  const std::string text = value->string();
  std::vector<std::string> names;
  for (const DesignName& d : kDesigns) {
    if (text == d.name) return d.design;
    names.emplace_back(d.name);
  }
  value->fail("expected a design, found \"" + text + "\"" +
              scenario_detail::suggestion_suffix(text, names, "designs are"));
}

SweepAxis read_axis(MapReader& map, SweepDesign design) {
  SweepAxis axis;
  axis.key = map.required_string("key");
  const bool has_values = map.has("values");
  const bool has_range = map.has("from") || map.has("to") || map.has("steps");
  const bool has_interval = map.has("low") || map.has("high");
  if (int(has_values) + int(has_range) + int(has_interval) != 1)
    map.fail("give exactly one of values: [...], from/to/steps, or low/high");
  if (has_values) {
    for (Value& item : map.required_list("values", /*flow=*/true))
      axis.values.push_back(item.string(/*allow_empty=*/false));
  } else if (has_range) {
    const double from = map.required_number("from", NumberRange::any());
    const double to = map.required_number("to", NumberRange::any());
    const auto steps = map.required_integer("steps", IntegerRange{1, 1000000});
    for (std::int64_t i = 0; i < steps; ++i) {
      const double t = steps == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(steps - 1);
      axis.values.push_back(number_text(from + t * (to - from)));
    }
  } else {
    axis.interval = true;
    axis.low = map.required_number("low", NumberRange::any());
    axis.high = map.required_number("high", NumberRange::any());
    if (!(axis.high > axis.low)) {
      Value high = map.required("high");
      high.fail("expected a number above low (" + number_text(axis.low) + "), found " +
                high.found());
    }
  }
  map.use_flow_style();
  map.finish();
  if (sampled(design) && !axis.interval)
    map.fail(std::string("the ") + design_name(design) +
             " design samples each axis from an interval: give low and high");
  if (!sampled(design) && axis.interval)
    map.fail(std::string("the ") + design_name(design) +
             " design takes listed values: give values: [...] or from/to/steps (low/high are "
             "for sampled designs)");
  return axis;
}

// The most runs one sweep file may define. A sweep's plan holds each run's overrides and its
// scenario's hash, a few hundred bytes per run, and checks every variant before the first
// run starts; a million runs is days of computing even on a cluster, and a design far beyond
// it (a grid of 10^12 points) is a slip, refused here before anything is expanded.
constexpr std::uint64_t kMaxSweepRuns = 1000000;

// points x replicates, or nothing when it exceeds kMaxSweepRuns (counted without overflow).
std::optional<std::uint64_t> run_count(const SweepDescription& sweep) {
  const auto times = [](std::uint64_t a, std::uint64_t b) -> std::optional<std::uint64_t> {
    if (a != 0 && b > kMaxSweepRuns / a) return std::nullopt;
    return a * b;
  };
  std::optional<std::uint64_t> points = 1;
  const std::uint64_t dims = sweep.axes.size();
  switch (sweep.design) {
    case SweepDesign::Grid:
      for (const SweepAxis& axis : sweep.axes)
        if (points) points = times(*points, axis.values.size());
      break;
    case SweepDesign::Zip:
      points = sweep.axes.empty() ? 1 : sweep.axes.front().values.size();
      break;
    case SweepDesign::Morris:
      points = times(sweep.samples, dims + 1);
      break;
    case SweepDesign::Saltelli:
      points = times(sweep.samples, dims + 2);
      break;
    default:
      points = sweep.samples;
  }
  return points ? times(*points, sweep.replicates) : std::nullopt;
}

// The base must at least be a YAML map; its full checks come with each variant. A file that
// is not one (a wrong path to /etc/passwd) is reported as what it is, at its own location,
// rather than as a failed --set of the first run.
void check_base_is_a_scenario(Value& base, const std::string& path) {
  const YAML::Node node =
      scenario_detail::parse_document(scenario_detail::read_source_file(path), path);
  if (!node.IsMap())
    base.fail("expected a scenario file (a map of keys: name, calendar, states, ...), but " + path +
              " holds " + (node.IsSequence() ? "a list" : "a single value"));
}

std::string emit(const YAML::Node& tree) {
  YAML::Emitter emitter;
  emitter << tree;
  return std::string(emitter.c_str()) + "\n";
}

SweepDescription read_sweep(const YAML::Node& node, const std::string& file) {
  YAML::Node resolved(YAML::NodeType::Map);
  Value root(node, "", node.Mark(), &file, resolved);
  MapReader top = root.map();
  SweepDescription sweep;
  sweep.source_path = file;
  sweep.name = top.required_string("name");
  top.optional_string("description", "", /*allow_empty=*/true);
  Value base = top.required("base");
  const std::string base_text = base.string();
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  sweep.base_scenario = (folder / base_text).lexically_normal().string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(sweep.base_scenario, error))
    base.fail("no scenario file at " + sweep.base_scenario + " (relative to this file's folder)");
  check_base_is_a_scenario(base, sweep.base_scenario);
  sweep.output = top.optional_string("output", "results/sweeps/" + sweep.name);
  sweep.design = read_design(top);
  if (sampled(sweep.design)) {
    const std::int64_t limit = 100000000;
    sweep.samples = static_cast<std::uint64_t>(top.required_integer("samples", {1, limit}));
    sweep.design_seed =
        static_cast<std::uint64_t>(top.optional_integer("design_seed", 1, {0, limit}));
  } else if (auto samples = top.find("samples")) {
    samples->fail(std::string("samples is for sampled designs; the ") + design_name(sweep.design) +
                  " design runs every listed value");
  }
  if (sweep.design == SweepDesign::Morris) {
    sweep.levels = static_cast<std::uint32_t>(top.optional_integer("levels", 4, {2, 100}));
    // An odd number of levels gives a step that is not a whole number of grid steps.
    if (sweep.levels % 2 != 0) top.required("levels").fail_expected("an even number of levels");
  } else if (auto levels = top.find("levels")) {
    levels->fail("levels is for the morris design");
  }
  sweep.replicates = static_cast<std::uint32_t>(top.optional_integer("replicates", 1, {1, 100000}));
  if (auto seed = top.find("first_seed")) {
    sweep.first_seed = seed->unsigned_integer();
  } else {
    top.write("first_seed", std::to_string(sweep.first_seed));
  }
  // The Saltelli design is built from the Sobol sequence, whose balance holds for powers of
  // two; it has two columns per axis in a sequence of kSobolMaxDimensions.
  if (sweep.design == SweepDesign::Saltelli && (sweep.samples & (sweep.samples - 1)) != 0)
    top.required("samples").fail_expected("a power of two for the saltelli design (64, 128, ...)");
  std::uint64_t listed = 0;  // values held for all axes, bounded before the next is read
  for (Value& item : top.required_list("axes")) {
    MapReader axis = item.map();
    sweep.axes.push_back(read_axis(axis, sweep.design));
    listed += sweep.axes.back().values.size();
    if (listed > 2 * kMaxSweepRuns)
      item.fail("the axes list more than " + std::to_string(2 * kMaxSweepRuns) +
                " values in all; a sweep file holds at most " + std::to_string(kMaxSweepRuns) +
                " runs");
  }
  for (std::size_t i = 0; i < sweep.axes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (sweep.axes[i].key == sweep.axes[j].key)
        root.fail("axes[" + std::to_string(i) + "] varies " + sweep.axes[i].key +
                  ", already varied by axes[" + std::to_string(j) + "]");
  const std::size_t max_axes = sweep.design == SweepDesign::Saltelli ? 64
                               : sampled(sweep.design)               ? 128
                                                                     : 1000;
  if (sweep.axes.size() > max_axes)
    root.fail("the " + std::string(design_name(sweep.design)) + " design takes at most " +
              std::to_string(max_axes) + " axes, found " + std::to_string(sweep.axes.size()));
  if (sweep.design == SweepDesign::Zip) {
    for (const SweepAxis& axis : sweep.axes)
      if (axis.values.size() != sweep.axes.front().values.size())
        root.fail("the zip design pairs the axes' values one to one, but " +
                  sweep.axes.front().key + " has " +
                  std::to_string(sweep.axes.front().values.size()) + " values and " + axis.key +
                  " has " + std::to_string(axis.values.size()));
  }
  if (!run_count(sweep))
    root.fail("this design defines more than " + std::to_string(kMaxSweepRuns) +
              " runs (points x replicates), more than one sweep file may hold; split it into "
              "several sweep files or sample the space (design: latin_hypercube, sobol)");
  top.finish();
  sweep.resolved_yaml = emit(resolved);
  return sweep;
}

}  // namespace

const char* design_name(SweepDesign design) {
  for (const DesignName& d : kDesigns)
    if (d.design == design) return d.name;
  return "?";
}

bool is_sweep_file(const std::string& path) {
  try {
    const YAML::Node node =
        scenario_detail::parse_document(scenario_detail::read_source_file(path), path);
    return node.IsMap() && node["base"] && node["axes"];
  } catch (const std::exception&) {
    return false;
  }
}

SweepDescription load_sweep_file(const std::string& path) {
  try {
    const std::string text = scenario_detail::read_source_file(path);
    const YAML::Node node = scenario_detail::parse_document(text, path);
    return read_sweep(node, path);
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& error) {
    throw ScenarioError(scenario_detail::location_of(path, error.mark), "",
                        "cannot read the sweep: " + error.msg);
  }
}

}  // namespace chokepoint
