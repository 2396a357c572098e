"""Fan charts of one what-if against the baseline: median and 5-95% band across seeds.

Each panel is one monthly series aggregated the way `chokepoint compare` aggregates its
outcome over a period (engine/analysis/outcomes.cpp), so a figure and its table row measure
the same thing: the focus group's share and the price index as recorded, the shortage as
unmet / demand and the domestic share as domestic / all deliveries over all sectors, hub
volume summed over hubs. A last panel, with no table row (compare has no per-hub outcome),
shows the volume through the hubs of the bloc central_asia_caucasus, which one what-if
targets. The compared period is shaded.
"""
import functools

import h5py
import numpy as np
import yaml

import figures as report_figures  # tools/reporting/figures.py: panels, fans, time axis


def _focus_share(run):
    return run.series["focus_share"]


def _price_index(run):
    return run.series["price_index"]


def _shortage(run):
    demand = run.series["demand"].sum(axis=1)
    with np.errstate(all="ignore"):
        return np.where(demand > 0, run.series["unmet_demand"].sum(axis=1) / demand, 0.0)


def _hub_volume(run):
    return run.series["hub_volume"].sum(axis=1)


HUB_BLOC = "central_asia_caucasus"


@functools.lru_cache(maxsize=None)
def _bloc_members(path, bloc):
    """States of a bloc, from the resolved scenario the run file records."""
    with h5py.File(path, "r") as f:
        scenario = yaml.safe_load(f["scenario_yaml"].asstr()[()])
    return frozenset(s["code"] for s in scenario["states"] if bloc in (s.get("blocs") or []))


def _bloc_hub_volume(run):
    members = _bloc_members(run.path, HUB_BLOC)
    columns = [i for i, hub in enumerate(run.axis("hub")) if hub in members]
    return run.series["hub_volume"][:, columns].sum(axis=1)


def _domestic_share(run):
    imports = run.series["imports"]  # time, sector, state, route; route 2 is domestic
    total = imports.sum(axis=(1, 2, 3))
    with np.errstate(all="ignore"):
        return np.where(total > 0, imports[..., 2].sum(axis=(1, 2)) / total, 0.0)


# (title, y label, extract): the outcomes the write-up discusses.
PANELS = [
    ("China+HK share of controlled imports", "share (shipping basis)", _focus_share),
    ("Shortage: unmet share of demand", "unmet / demand", _shortage),
    ("Price index of controlled goods", "index (2021 = 1)", _price_index),
    ("Volume through all hubs", "units/month", _hub_volume),
    ("Domestic producers' share of deliveries", "share (units)", _domestic_share),
    ("Volume through Central Asian and Caucasus hubs", "units/month", _bloc_hub_volume),
]


def fan_chart(baseline, whatif, title, period):
    """One figure: a panel per outcome, the baseline's fan and the what-if's."""
    fig, axes = report_figures._panels(len(PANELS))
    first, end = period
    for ax, (name, ylabel, extract) in zip(axes, PANELS):
        for i, run_set in enumerate((baseline, whatif)):
            report_figures._draw(ax, run_set, extract, report_figures.COLOURS[i], run_set.label)
        ax.axvspan(first, end, color="0.5", alpha=0.08, lw=0)
        ax.set_title(name, fontsize=10)
        ax.set_ylabel(ylabel)
        report_figures._time_axis(ax)
    axes[0].legend(fontsize=7, loc="best", framealpha=0.8)
    fig.suptitle(title, fontsize=12)
    fig.tight_layout()
    return fig
