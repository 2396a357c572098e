// Period statistics of one run, their fit across seeds, and the calibration objective: the
// arithmetic of docs/CALIBRATION.md, "Statistics and fit".

#include "chokepoint/calibration/targets.hpp"

#include <cmath>
#include <limits>

#include "scenario/detail/scalar_text.hpp"

namespace chokepoint {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const Series& series_of(const ResolvedTerm& term, const RunRecord& record, const StepSpan& span) {
  const Series* series = record.find_series(term.series);
  if (series == nullptr) throw OutputError("the run has no series \"" + term.series + "\"");
  if (series->values.size() < span.to * term.inner || series->values.size() % term.inner != 0)
    throw OutputError("series \"" + term.series + "\" does not have the shape it was resolved for");
  return *series;
}

// The term's value at one step: its selected elements summed.
double term_at(const ResolvedTerm& term, const Series& series, std::size_t step) {
  double sum = 0.0;
  for (std::size_t offset : term.offsets)
    sum += series.values[step * term.inner + offset];
  return sum;
}

// Mean of x_t over the span, or sum A_t / sum B_t; steps where a value is NaN are skipped.
double span_statistic(const ResolvedTarget& target, const RunRecord& record, const StepSpan& span) {
  const Series& a = series_of(target.numerator, record, span);
  if (!target.denominator) {
    double sum = 0.0, count = 0.0;
    for (std::size_t t = span.from; t < span.to; ++t) {
      const double x = term_at(target.numerator, a, t);
      if (std::isnan(x)) continue;
      sum += x;
      count += 1.0;
    }
    return count > 0.0 ? sum / count : kNaN;
  }
  const Series& b = series_of(*target.denominator, record, span);
  double top = 0.0, bottom = 0.0;
  for (std::size_t t = span.from; t < span.to; ++t) {
    const double x = term_at(target.numerator, a, t);
    const double y = term_at(*target.denominator, b, t);
    if (std::isnan(x) || std::isnan(y)) continue;
    top += x;
    bottom += y;
  }
  return bottom != 0.0 ? top / bottom : kNaN;
}

}  // namespace

double target_statistic(const ResolvedTarget& target, const RunRecord& record) {
  const double value = span_statistic(target, record, target.period);
  if (!target.relative_to) return value;
  const double base = span_statistic(target, record, *target.relative_to);
  return base != 0.0 ? value / base : kNaN;
}

TargetFit fit_target(const Target& target, const std::vector<double>& statistics, double margin) {
  TargetFit fit;
  fit.seeds = statistics.size();
  if (statistics.empty()) {
    fit.mean = fit.sd = fit.distance = kNaN;
    return fit;
  }
  double sum = 0.0;
  for (double s : statistics)
    sum += s;
  fit.mean = sum / static_cast<double>(statistics.size());
  if (statistics.size() > 1) {
    double squares = 0.0;
    for (double s : statistics)
      squares += (s - fit.mean) * (s - fit.mean);
    fit.sd = std::sqrt(squares / static_cast<double>(statistics.size() - 1));
  }
  const double x = fit.mean;
  if (std::isnan(x)) {
    fit.distance = kNaN;
    return fit;
  }
  if (target.kind == TargetKind::Value) {
    fit.distance = (x - target.value) / *target.tolerance;
    fit.within = std::abs(fit.distance) <= 1.0;
    return fit;
  }
  const double inf = std::numeric_limits<double>::infinity();
  const double low = target.kind == TargetKind::AtMost ? -inf : target.low;
  const double high = target.kind == TargetKind::AtLeast ? inf : target.high;
  fit.within = low <= x && x <= high;
  double scale = 1.0;
  if (target.tolerance) {
    scale = *target.tolerance;
  } else if (target.kind == TargetKind::Range) {
    scale = (high - low) / 2.0;
  } else {
    const double bound = target.kind == TargetKind::AtMost ? high : low;
    scale = bound != 0.0 ? std::abs(bound) : 1.0;
  }
  // The search's bounds: pulled in by the margin from each finite side, never past the middle.
  double search_low = low + margin * scale;
  double search_high = high - margin * scale;
  if (search_low > search_high) search_low = search_high = (low + high) / 2.0;
  if (search_low <= x && x <= search_high) return fit;
  // Signed like a value target's d: negative below the low bound, positive above the high.
  fit.distance = x < search_low ? (x - search_low) / scale : (x - search_high) / scale;
  return fit;
}

double fit_objective(const std::vector<Target>& targets, const std::vector<TargetFit>& fits) {
  double weighted = 0.0, weights = 0.0;
  for (std::size_t i = 0; i < targets.size() && i < fits.size(); ++i) {
    const double w = targets[i].weight;
    if (w == 0.0) continue;
    if (!std::isfinite(fits[i].distance)) return std::numeric_limits<double>::infinity();
    weighted += w * fits[i].distance * fits[i].distance;
    weights += w;
  }
  return weights > 0.0 ? weighted / weights : 0.0;
}

std::string describe_goal(const Target& target) {
  using scenario_detail::format_number;
  std::string text;
  switch (target.kind) {
    case TargetKind::Value:
      return format_number(target.value) + " +- " + format_number(*target.tolerance);
    case TargetKind::AtMost:
      text = "<= " + format_number(target.high);
      break;
    case TargetKind::AtLeast:
      text = ">= " + format_number(target.low);
      break;
    case TargetKind::Range:
      text = "[" + format_number(target.low) + ", " + format_number(target.high) + "]";
      break;
  }
  return text;
}

}  // namespace chokepoint
