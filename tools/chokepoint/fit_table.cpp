#include "fit_table.hpp"

#include <algorithm>
#include <cstdio>

#include "chokepoint/output/table_file.hpp"

namespace chokepoint::cli {

namespace {

std::string short_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

}  // namespace

std::string fit_table_text(const std::vector<Target>& targets, const std::vector<TargetFit>& fits) {
  const std::vector<std::string> header = {"target", "period", "mean", "sd",
                                           "seeds",  "goal",   "fit",  "d"};
  std::vector<std::vector<std::string>> rows = {header};
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const TargetFit& f = fits[i];
    std::string period = t.period.text;
    if (t.relative_to) period += " / " + t.relative_to->text;
    rows.push_back({t.name, period, short_number(f.mean), short_number(f.sd),
                    std::to_string(f.seeds), describe_goal(t), f.within ? "within" : "OUTSIDE",
                    short_number(f.distance)});
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], row[c].size());
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string cell = row[c];
      // Names and text left-aligned, numbers right-aligned.
      const bool left = c == 0 || c == 1 || c == 5 || c == 6;
      const std::string pad(width[c] - cell.size(), ' ');
      line += (c ? "  " : "") + (left ? cell + pad : pad + cell);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    text += line + "\n";
  }
  std::size_t within = 0;
  for (const TargetFit& f : fits)
    within += f.within ? 1 : 0;
  text += std::to_string(within) + " of " + std::to_string(targets.size()) +
          " targets within; objective " + short_number(fit_objective(targets, fits)) + "\n";
  return text;
}

std::string fit_table_csv(const std::vector<Target>& targets, const std::vector<TargetFit>& fits) {
  std::string text =
      "target,quantity,period,relative_to,mean,sd,seeds,goal,within,distance,weight,source\n";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const TargetFit& f = fits[i];
    text += csv_field(t.name) + "," + csv_field(t.quantity.text) + "," + csv_field(t.period.text) +
            "," + csv_field(t.relative_to ? t.relative_to->text : "") + "," + number_text(f.mean) +
            "," + number_text(f.sd) + "," + std::to_string(f.seeds) + "," +
            csv_field(describe_goal(t)) + "," + (f.within ? "1" : "0") + "," +
            number_text(f.distance) + "," + number_text(t.weight) + "," + csv_field(t.source) +
            "\n";
  }
  return text;
}

}  // namespace chokepoint::cli
