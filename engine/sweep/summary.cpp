#include <cstdlib>
#include <filesystem>

#include "chokepoint/analysis/outcomes.hpp"
#include "chokepoint/error.hpp"
#include "chokepoint/output/run_file.hpp"
#include "chokepoint/output/table_file.hpp"
#include "chokepoint/sweep/runner.hpp"
#include "chokepoint/version.hpp"

namespace chokepoint {

namespace {

bool is_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// An axis column holds numbers when every value is one, the YAML text otherwise.
TableColumn axis_column(const SweepPlan& plan, std::size_t axis) {
  TableColumn column;
  column.name = plan.sweep.axes[axis].key;
  column.long_name = "value set for " + column.name;
  bool numeric = true;
  for (const SweepRun& run : plan.runs) {
    double value = 0.0;
    numeric = numeric && is_number(run.values[axis], value);
    column.numbers.push_back(value);
  }
  if (!numeric) {
    column.numbers.clear();
    for (const SweepRun& run : plan.runs)
      column.texts.push_back(run.values[axis]);
  }
  return column;
}

TableColumn counter_column(const char* name, const char* long_name) {
  TableColumn column;
  column.name = name;
  column.long_name = long_name;
  column.integer = true;
  return column;
}

}  // namespace

void write_sweep_summary(const SweepPlan& plan) {
  Table table;
  table.filetype = "chokepoint-sweep-summary";
  table.row_dim = "run";
  table.attributes = {{"sweep_name", plan.sweep.name},
                      {"design", design_name(plan.sweep.design)},
                      {"base_scenario", plan.sweep.base_scenario},
                      {"engine_version", std::string(engine_version())},
                      {"git_revision", std::string(git_revision())}};
  // What `chokepoint sensitivity` needs to rebuild the design the runs came from.
  table.attributes.push_back({"samples", std::to_string(plan.sweep.samples)});
  table.attributes.push_back({"levels", std::to_string(plan.sweep.levels)});
  table.attributes.push_back({"design_seed", std::to_string(plan.sweep.design_seed)});
  table.attributes.push_back({"replicates", std::to_string(plan.sweep.replicates)});
  table.attributes.push_back({"axes", std::to_string(plan.sweep.axes.size())});
  for (std::size_t a = 0; a < plan.sweep.axes.size(); ++a) {
    const SweepAxis& axis = plan.sweep.axes[a];
    const std::string prefix = "axis" + std::to_string(a) + "_";
    table.attributes.push_back({prefix + "key", axis.key});
    if (axis.interval) {
      table.attributes.push_back({prefix + "low", number_text(axis.low)});
      table.attributes.push_back({prefix + "high", number_text(axis.high)});
    }
  }
  table.text_name = "sweep_yaml";
  table.text = plan.sweep.resolved_yaml;

  TableColumn run = counter_column("run", "run index");
  TableColumn point = counter_column("point", "design point");
  TableColumn replicate = counter_column("replicate", "replicate of the point");
  TableColumn seed;
  seed.name = "seed";
  seed.long_name = "seed of the run";
  for (const SweepRun& r : plan.runs) {
    run.numbers.push_back(static_cast<double>(r.index));
    point.numbers.push_back(static_cast<double>(r.point));
    replicate.numbers.push_back(static_cast<double>(r.replicate));
    // Seeds can exceed what a double or an int64 holds exactly: kept as text.
    seed.texts.push_back(std::to_string(r.seed));
  }
  table.columns = {run, point, replicate, seed};
  for (std::size_t a = 0; a < plan.sweep.axes.size(); ++a)
    table.columns.push_back(axis_column(plan, a));

  std::vector<TableColumn> outcomes;
  for (const SweepRun& r : plan.runs) {
    const std::string path = sweep_run_path(plan, r.index);
    if (!sweep_run_finished(plan, r.index))
      throw Error("cannot write the summary of sweep " + plan.sweep.name + ": run " +
                  std::to_string(r.index) + " is not finished (" + path + ")");
    const std::vector<Outcome> values = headline_outcomes(read_run_file(path));
    if (outcomes.empty()) {
      for (const Outcome& o : values) {
        TableColumn column;
        column.name = o.name;
        column.units = o.units;
        column.long_name = o.long_name;
        outcomes.push_back(column);
      }
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      outcomes[i].numbers.push_back(values[i].value);
  }
  for (TableColumn& column : outcomes)
    table.columns.push_back(std::move(column));

  const std::filesystem::path folder(plan.sweep.output);
  write_table_csv((folder / "summary.csv").string(), table);
  write_table_hdf5((folder / "summary.h5").string(), table);
}

}  // namespace chokepoint
