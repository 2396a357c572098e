"""Published targets a run is compared against (the targets file format).

A targets file is YAML with one list, `targets`; each entry is a quantity the run records
over time alone (e.g. focus_share, price_index), a calendar period, and the published value
with a tolerance:

    targets:
      - quantity: focus_share          # a run series over time only
        period: 2023-01..2024-12       # YYYY-MM..YYYY-MM, both months included
        value: 0.85                    # the published figure, in the series' units
        tolerance: 0.05                # the band drawn and checked is value +- tolerance
        source: "where the figure was published"

The model's figure for a target is the mean of the series over the period (the median of
that over an ensemble's replicates).
"""
import re

import numpy as np
import yaml

from runs import ReportError

KEYS = {"quantity", "period", "value", "tolerance", "source"}
PERIOD = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")


class Target:
    def __init__(self, entry, where):
        if not isinstance(entry, dict):
            raise ReportError(f"{where}: a target is a mapping with keys {sorted(KEYS)}")
        unknown = set(entry) - KEYS
        missing = KEYS - set(entry) - {"tolerance"}
        if unknown:
            raise ReportError(f"{where}: unknown key {sorted(unknown)[0]!r} "
                              f"(allowed: {', '.join(sorted(KEYS))})")
        if missing:
            raise ReportError(f"{where}: missing key {sorted(missing)[0]!r}")
        self.quantity = str(entry["quantity"])
        match = PERIOD.match(str(entry["period"]))
        if not match:
            raise ReportError(f"{where}: period {entry['period']!r} is not YYYY-MM..YYYY-MM")
        y0, m0, y1, m1 = match.groups()
        self.first = np.datetime64(f"{y0}-{m0}-01", "D")
        self.last_month = np.datetime64(f"{y1}-{m1}", "M")
        # The period ends with the last day of its last month.
        self.end = (self.last_month + 1).astype("datetime64[D]")
        if self.end <= self.first:
            raise ReportError(f"{where}: period {entry['period']!r} ends before it starts")
        self.period = str(entry["period"])
        try:
            self.value = float(entry["value"])
            self.tolerance = float(entry.get("tolerance", 0.0))
        except (TypeError, ValueError):
            raise ReportError(f"{where}: value and tolerance must be numbers")
        if self.tolerance < 0:
            raise ReportError(f"{where}: tolerance must not be negative")
        self.source = str(entry["source"])

    def model_figure(self, run_set):
        """Mean of the series over the period; median over replicates. None if no overlap."""
        inside = (run_set.dates >= self.first) & (run_set.dates < self.end)
        if not inside.any():
            return None
        values = run_set.stack(lambda run: run.series[self.quantity])[:, inside]
        return float(np.median(np.nanmean(values, axis=1)))

    def met_by(self, figure):
        return figure is not None and abs(figure - self.value) <= self.tolerance + 1e-12


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
    return [Target(entry, f"{path}: target {i + 1}") for i, entry in enumerate(document["targets"])]


def check_quantities(targets, run_sets):
    for target in targets:
        for run_set in run_sets:
            run = run_set.runs[0]
            if not run.has(target.quantity) or run.series[target.quantity].shape != run.dates.shape:
                over_time = sorted(n for n, v in run.series.items()
                                   if v.shape == run.dates.shape and n != "time")
                raise ReportError(f"target quantity {target.quantity!r} is not a series over time "
                                  f"alone in {run.path} (one of: {', '.join(over_time)})")
