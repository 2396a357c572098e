"""Published targets a run is compared against (the targets file format of `chokepoint fit`).

A targets file is YAML with one list, `targets`:

    targets:
      - name: china_hk_share_2025      # unique, [a-z][a-z0-9_]*
        quantity: focus_share          # a quantity expression (below)
        period: 2025-01..2025-12       # YYYY-MM..YYYY-MM, both months included
        value: 0.80                    # EITHER value + tolerance ...
        tolerance: 0.05
        weight: 1                      # optional, default 1, >= 0
        source: "who published it, when"
      - name: coalition_direct_collapse
        quantity: "imports_value[sector=controlled, state=coalition, route=direct]"
        period: 2023-01..2023-12
        relative_to: 2021-01..2021-12  # optional: a ratio of two periods
        at_most: 0.5                   # ... OR at_most / at_least / range: [lo, hi]
        source: "..."

The quantity is `TERM` or `TERM / TERM`, a TERM being a run series with optional selections
(`series[dim=label|label, ...]`). Evaluating those, with blocs and sector groups, belongs to
`chokepoint fit` (C++). This report evaluates and draws only the targets whose quantity is a
bare series over time alone (e.g. focus_share) without `relative_to`: the statistic of a
run is the series' mean over the period, and the model figure is its mean over replicates
(as `chokepoint fit` takes it). Every other target is listed as checked by `chokepoint fit`.
"""
import re

import numpy as np
import yaml

from runs import ReportError

KEYS = {"name", "quantity", "period", "value", "tolerance", "at_most", "at_least", "range",
        "relative_to", "weight", "source"}
REQUIRED = ("name", "quantity", "period", "source")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
BARE_SERIES = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")
PERIOD = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")


def _period(text, where, key):
    match = PERIOD.match(str(text))
    if not match:
        raise ReportError(f"{where}: {key} {text!r} is not YYYY-MM..YYYY-MM")
    y0, m0, y1, m1 = match.groups()
    first = np.datetime64(f"{y0}-{m0}-01", "D")
    # The period ends with the last day of its last month.
    end = (np.datetime64(f"{y1}-{m1}", "M") + 1).astype("datetime64[D]")
    if end <= first:
        raise ReportError(f"{where}: {key} {text!r} ends before it starts")
    return first, end


def _number(entry, key, where):
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ReportError(f"{where}: {key} must be a number, found {value!r}")
    try:
        return float(value)  # PyYAML reads 2e9 (no dot) as text
    except ValueError:
        raise ReportError(f"{where}: {key} must be a number, found {value!r}")


class Target:
    def __init__(self, entry, where):
        if not isinstance(entry, dict):
            raise ReportError(f"{where}: a target is a mapping with keys {sorted(KEYS)}")
        unknown = set(entry) - KEYS
        if unknown:
            raise ReportError(f"{where}: unknown key {sorted(unknown)[0]!r} "
                              f"(allowed: {', '.join(sorted(KEYS))})")
        for key in REQUIRED:
            if key not in entry:
                raise ReportError(f"{where}: missing key {key!r}")
        self.name = str(entry["name"])
        if not NAME.match(self.name):
            raise ReportError(f"{where}: name {self.name!r} must match [a-z][a-z0-9_]*")
        self.quantity = str(entry["quantity"])
        self.period = str(entry["period"])
        self.first, self.end = _period(entry["period"], where, "period")
        self.relative_to = entry.get("relative_to")
        if self.relative_to is not None:
            _period(self.relative_to, where, "relative_to")
        self.source = str(entry["source"])
        self.weight = _number(entry, "weight", where) if "weight" in entry else 1.0
        if self.weight < 0:
            raise ReportError(f"{where}: weight must not be negative")
        self._read_goal(entry, where)
        bare = BARE_SERIES.match(self.quantity)
        self.series = bare.group(1) if bare and self.relative_to is None else None
        self.evaluated = False  # set by check_quantities when the run has it over time alone

    def _read_goal(self, entry, where):
        """value + tolerance, or bounds: lo/hi (None when open)."""
        kinds = [k for k in ("value", "at_most", "at_least", "range") if k in entry]
        if not kinds or ("value" in kinds or "range" in kinds) and len(kinds) > 1:
            raise ReportError(f"{where}: give either value (with tolerance), or at_most and/or "
                              "at_least, or range: [lo, hi]")
        self.tolerance = _number(entry, "tolerance", where) if "tolerance" in entry else None
        if self.tolerance is not None and self.tolerance <= 0:
            raise ReportError(f"{where}: tolerance must be positive")
        self.value = self.lo = self.hi = None
        if "value" in entry:
            if self.tolerance is None:
                raise ReportError(f"{where}: value needs a tolerance")
            self.value = _number(entry, "value", where)
            self.lo, self.hi = self.value - self.tolerance, self.value + self.tolerance
        elif "range" in entry:
            bounds = entry["range"]
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise ReportError(f"{where}: range must be [lo, hi]")
            self.lo, self.hi = (_number({"range": b}, "range", where) for b in bounds)
            if self.lo > self.hi:
                raise ReportError(f"{where}: range [lo, hi] needs lo <= hi")
        else:
            if "at_least" in entry:
                self.lo = _number(entry, "at_least", where)
            if "at_most" in entry:
                self.hi = _number(entry, "at_most", where)
            if self.lo is not None and self.hi is not None and self.lo > self.hi:
                raise ReportError(f"{where}: at_least is above at_most")

    def describe(self):
        if self.value is not None:
            text = f"{self.value:g} \u00b1 {self.tolerance:g}"
        elif self.lo is not None and self.hi is not None:
            text = f"in [{self.lo:g}, {self.hi:g}]"
        elif self.hi is not None:
            text = f"\u2264 {self.hi:g}"
        else:
            text = f"\u2265 {self.lo:g}"
        return text + (f" relative to {self.relative_to}" if self.relative_to else "")

    def model_figure(self, run_set):
        """Mean over the period, mean over replicates; None if not evaluated or no overlap."""
        if not self.evaluated:
            return None
        inside = (run_set.dates >= self.first) & (run_set.dates < self.end)
        if not inside.any():
            return None
        values = run_set.stack(lambda run: run.series[self.series])[:, inside]
        return float(np.mean(np.nanmean(values, axis=1)))

    def met_by(self, figure):
        if figure is None:
            return False
        return ((self.lo is None or figure >= self.lo - 1e-12)
                and (self.hi is None or figure <= self.hi + 1e-12))


def load_targets(path):
    try:
        with open(path) as f:
            document = yaml.safe_load(f)
    except FileNotFoundError:
        raise ReportError(f"no such file: {path}")
    except yaml.YAMLError as error:
        raise ReportError(f"{path} is not valid YAML: {str(error).splitlines()[0]}")
    if not isinstance(document, dict) or set(document) != {"targets"} \
            or not isinstance(document["targets"], list):
        raise ReportError(f"{path}: expected one key, 'targets', holding a list")
    targets = [Target(entry, f"{path}: targets[{i}]") for i, entry in enumerate(document["targets"])]
    seen = set()
    for i, target in enumerate(targets):
        if target.name in seen:
            raise ReportError(f"{path}: targets[{i}]: name {target.name!r} is given twice")
        seen.add(target.name)
    return targets


def check_quantities(targets, run_sets):
    """Marks the targets this report evaluates; a bare name no run has is a mistake."""
    for target in targets:
        if target.series is None:
            continue
        over_time = True
        for run_set in run_sets:
            run = run_set.runs[0]
            if not run.has(target.series):
                names = sorted(n for n, v in run.series.items() if n != "time")
                raise ReportError(f"target {target.name!r}: quantity {target.quantity!r} is not "
                                  f"a series of {run.path} (one of: {', '.join(names)})")
            over_time &= run.series[target.series].shape == run.dates.shape
        target.evaluated = over_time
