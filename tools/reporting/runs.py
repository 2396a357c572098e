"""Reads chokepoint run files into run sets: one run, or an ensemble of replicates.

A run set is what one command-line argument names: a run file (one run) or a folder of
replicate run files (an ensemble). Figures draw a line for a single run and a median with a
5-95% band for an ensemble, so everything downstream sees only run sets.
"""
import glob
import os
import shlex
import subprocess

import h5py
import numpy as np


class ReportError(Exception):
    """A problem with the user's input, reported as one line and exit status 1."""


def run_command(command, **kwargs):
    """Runs a command and returns its standard output; a failure is a ReportError with the
    command and the last line it printed."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise ReportError(f"`{shlex.join(command)}` failed: "
                          f"{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
    return result.stdout


class Run:
    """One run file read into memory: metadata, axes (labels and dates) and series."""

    def __init__(self, path):
        self.path = path
        if not os.path.exists(path):
            raise ReportError(f"no such file: {path}")
        try:
            f = h5py.File(path, "r")
        except OSError:
            raise ReportError(f"{path} is not a chokepoint run file (not an HDF5 file)")
        with f:
            filetype = f.attrs.get("filetype", b"")
            filetype = filetype.decode() if isinstance(filetype, bytes) else str(filetype)
            if filetype != "chokepoint-run":
                raise ReportError(f"{path} is not a chokepoint run file "
                                  f"(filetype is {filetype!r}, expected 'chokepoint-run')")
            self.attrs = {key: _text(value) for key, value in f.attrs.items()}
            self.series = {}
            self.labels = {}
            for name, item in f.items():
                if item.dtype.kind in "OS":  # strings: axis labels (and the scenario text)
                    if item.ndim == 1:
                        self.labels[name] = list(item.asstr()[...])
                else:
                    self.series[name] = item[...]
            days = f["time"][...]
        # CF "days since 1970-01-01": the first day of each step.
        self.dates = np.datetime64("1970-01-01", "D") + days.astype("timedelta64[D]")

    def has(self, name):
        return name in self.series

    def axis(self, name):
        """Labels of an axis (state codes, sector codes, hub codes, ...)."""
        return self.labels[name]

    def controlled_sectors(self):
        flags = self.series["sector_controlled"]
        return [s for s, flag in zip(self.axis("sector"), flags) if flag]


def _text(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray) and value.size == 1:
        return value.item()
    return value


class RunSet:
    """Runs named by one argument; an ensemble when it came from a folder."""

    def __init__(self, argument):
        self.argument = argument
        if os.path.isdir(argument):
            paths = sorted(glob.glob(os.path.join(argument, "*.h5")))
            if not paths:
                raise ReportError(f"no run files (*.h5) in folder {argument}")
            self.is_ensemble = True
        else:
            paths = [argument]
            self.is_ensemble = False
        self.runs = [Run(p) for p in paths]
        first = self.runs[0]
        for run in self.runs[1:]:
            if len(run.dates) != len(first.dates) or (run.dates != first.dates).any():
                raise ReportError(f"{run.path} has a different calendar from {first.path}; "
                                  "an ensemble's replicates must share one")
        self.dates = first.dates
        self.label = os.path.basename(os.path.normpath(argument))
        if self.label.endswith(".h5"):
            self.label = self.label[:-3]

    def stack(self, extract):
        """extract(run) -> 1-D array over time, for every run: shape (runs, time)."""
        return np.array([extract(run) for run in self.runs], dtype=float)

    def describe(self):
        first = self.runs[0]
        seeds = sorted(int(r.attrs.get("seed", 0)) for r in self.runs)
        seed_text = str(seeds[0]) if len(seeds) == 1 else f"{len(seeds)} replicates, seeds {seeds[0]}..{seeds[-1]}"
        return {
            "label": self.label,
            "scenario": first.attrs.get("scenario_name", "?"),
            "seeds": seed_text,
            "period": f"{str(self.dates[0])[:7]} to {str(self.dates[-1])[:7]}",
            "engine": f"{first.attrs.get('engine_version', '?')} ({first.attrs.get('git_revision', '?')})",
        }


def load_run_sets(arguments):
    return [RunSet(a) for a in arguments]
