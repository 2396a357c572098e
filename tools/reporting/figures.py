"""The report's figures: each a function of the run sets that returns one Figure.

A run set is drawn as a line (one run) or as a median line with a shaded 5-95% band across
replicates (an ensemble); in a comparison each run set has its own colour, the first being
the base. Panels share the time axis, with dates on it.
"""
import math

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

COLOURS = plt.get_cmap("tab10").colors
MAX_PANELS = 9
MAX_ORIGINS = 7  # origins drawn separately in the stacked area; the rest are "other"


class Figure:
    def __init__(self, slug, title, caption, figure):
        self.slug, self.title, self.caption, self.figure = slug, title, caption, figure


def _panels(count, height=3.0):
    columns = min(count, 3)
    rows = math.ceil(count / columns)
    width = max(4.6 * columns, 9.0)  # a lone panel gets the width of two
    fig, axes = plt.subplots(rows, columns, figsize=(width, height * rows + 0.6),
                             squeeze=False, sharex=True)
    for ax in axes.flat[count:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:count])


def _time_axis(ax):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, alpha=0.3)
    ax.tick_params(labelbottom=True)


def _draw(ax, run_set, extract, colour, label):
    """A line for one run; median and 5-95% band over an ensemble's replicates."""
    values = run_set.stack(extract)
    if len(values) == 1:
        ax.plot(run_set.dates, values[0], color=colour, label=label, lw=1.8)
        return
    with np.errstate(all="ignore"):
        low, median, high = np.nanpercentile(values, [5, 50, 95], axis=0)
    ax.fill_between(run_set.dates, low, high, color=colour, alpha=0.25, lw=0,
                    label=f"{label}: 5-95% of {len(values)} runs")
    ax.plot(run_set.dates, median, color=colour, lw=1.8, label=f"{label}: median")


def _lines(run_sets, panels, extract, ylabel, title, slug, caption, targets=()):
    """One panel per (name, extract-argument) pair, one line or fan per run set."""
    if not panels:  # e.g. a world without hubs: say so rather than draw empty axes
        fig, ax = plt.subplots(figsize=(9.0, 1.5))
        ax.axis("off")
        ax.text(0.5, 0.5, "nothing to show: the base run has none", ha="center", va="center")
        fig.suptitle(title, fontsize=12)
        return Figure(slug, title, caption, fig)
    fig, axes = _panels(len(panels))
    for ax, (name, key) in zip(axes, panels):
        for i, run_set in enumerate(run_sets):
            if all(extract(run, key) is not None for run in run_set.runs):
                _draw(ax, run_set, lambda run: extract(run, key), COLOURS[i % 10], run_set.label)
        for target in targets:
            _draw_target(ax, target)
        ax.set_title(name, fontsize=10)
        ax.set_ylabel(ylabel)
        _time_axis(ax)
    axes[0].legend(fontsize=8, loc="best", framealpha=0.8)
    fig.suptitle(title, fontsize=12)
    fig.tight_layout()
    return Figure(slug, title, caption, fig)


def _draw_target(ax, target):
    """A hatched box over the allowed band (value +- tolerance, or a range); a dashed line at
    a one-sided bound."""
    first, end = mdates.date2num(target.first), mdates.date2num(target.end)
    label = f"target {target.describe()}, {target.period}"
    if target.lo is not None and target.hi is not None:
        ax.add_patch(matplotlib.patches.Rectangle(
            (first, target.lo), end - first, target.hi - target.lo, facecolor="none",
            edgecolor="black", hatch="//", lw=1.0, alpha=0.7, label=label))
        if target.value is not None:
            ax.hlines(target.value, target.first, target.end, color="black", lw=1.5)
    else:
        bound = target.hi if target.hi is not None else target.lo
        ax.hlines(bound, target.first, target.end, color="black", lw=1.5, linestyles="--",
                  label=label)


def _series(name):
    return lambda run, _key=None: run.series.get(name)


def controlled_imports_by_origin(run_sets):
    """Stacked area per run set (mean over replicates): where controlled goods ship from."""
    shown = run_sets[:4]
    fig, axes = _panels(len(shown), height=3.6)
    base = shown[0].runs[0]
    totals = _by_origin(shown[0]).sum(axis=0)
    order = [base.axis("state")[i] for i in np.argsort(-totals) if totals[i] > 0][:MAX_ORIGINS]
    for ax, run_set in zip(axes, shown):
        by_origin = _by_origin(run_set)
        states = run_set.runs[0].axis("state")
        layers = [by_origin[:, states.index(s)] if s in states else 0 * by_origin[:, 0] for s in order]
        other = by_origin.sum(axis=1) - np.sum(layers, axis=0)
        ax.stackplot(run_set.dates, *layers, other, labels=order + ["other"],
                     colors=list(COLOURS[:len(order)]) + ["#bbbbbb"], alpha=0.9)
        ax.set_title(run_set.label + (" (mean of replicates)" if run_set.is_ensemble else ""),
                     fontsize=10)
        ax.set_ylabel("million USD/month")
        _time_axis(ax)
    axes[0].legend(loc="upper left", fontsize=7, ncol=2, title="shipping origin", title_fontsize=7)
    title = "Controlled-goods imports by shipping origin"
    fig.suptitle(title, fontsize=12)
    fig.tight_layout()
    caption = ("Value of the target's imports of controlled sectors, by the declared origin at "
               "the border (what customs data show), stacked.")
    return Figure("controlled_imports_by_origin", title, caption, fig)


def _by_origin(run_set):
    def one(run):
        controlled = [run.axis("sector").index(s) for s in run.controlled_sectors()]
        return run.series["imports_by_shipper_value"][:, controlled, :].sum(axis=1) / 1e6
    return np.mean([one(run) for run in run_set.runs], axis=0)


def focus_share(run_sets, targets):
    mine = [t for t in targets if t.evaluated and t.series == "focus_share"]
    caption = ("Share of controlled-goods import value shipped from the focus group (declared "
               "origin)." + (" Published targets: hatched boxes for value \u00b1 tolerance or "
                             "a range, dashed lines for one-sided bounds." if mine else
                             " No focus_share targets given."))
    return _lines(run_sets, [("focus group (shipping basis)", None)], _series("focus_share"),
                  "share (1 = 100%)", "Focus-group share of controlled imports", "focus_share",
                  caption, mine)


def hub_volumes(run_sets):
    base = run_sets[0].runs[0]
    totals = base.series["hub_volume"].sum(axis=0)  # order of hubs: the base run's volumes
    hubs = [base.axis("hub")[i] for i in np.argsort(-np.asarray(totals))][:MAX_PANELS]

    def volume(run, hub):
        hubs_here = run.axis("hub")
        return run.series["hub_volume"][:, hubs_here.index(hub)] if hub in hubs_here else None
    return _lines(run_sets, [(f"hub {h}", h) for h in hubs], volume, "units/month",
                  "Goods delivered to the target through each hub", "hub_volumes",
                  "Volume delivered through intermediaries in each third-country hub, "
                  "largest hubs first.")


def origin_bases(run_sets):
    """The focus group's share on both bases: who shipped the goods and who made them."""
    if any("focus_maker_share" not in run.series for rs in run_sets for run in rs.runs):
        return None
    return _lines(run_sets, [("shipping basis (declared origin)", "focus_share"),
                             ("making basis (maker's home state)", "focus_maker_share")],
                  lambda run, key: run.series.get(key), "share (1 = 100%)",
                  "Focus-group share of controlled imports on both origin bases", "origin_bases",
                  "The same imports counted by the state that shipped them and by the state "
                  "whose firms made them: the gap is goods made elsewhere and shipped by the "
                  "focus group's traders (imports_by_maker_shipper_value).")


def price_index(run_sets):
    def extract(run, key):
        if key == "premium":
            if "price_index_elsewhere" not in run.series:
                return None
            return run.series["price_index"] / run.series["price_index_elsewhere"]
        return run.series.get(key)
    return _lines(run_sets, [("controlled goods in the target", "price_index"),
                             ("the same goods elsewhere", "price_index_elsewhere"),
                             ("premium: target / elsewhere", "premium")], extract,
                  "index (base period = 1)", "Price index of controlled goods", "price_index",
                  "Delivered prices of controlled goods relative to the scenario's base period; "
                  "the same goods at their makers' normal prices (price_index_elsewhere, the "
                  "control group); and the ratio, the premium the target pays.")


HOPS = [("price_maker", "maker's price"), ("price_maker_risk_premium", "maker's risk premium"),
        ("price_distributor_margin", "distributors"),
        ("price_logistics", "logistics"), ("price_trader_markup", "trader's markup"),
        ("price_scarcity_rent", "scarcity rent"), ("price_risk_premium", "risk premium"),
        ("price_payment_fee", "payment fees"), ("price_tariff", "tariff")]


def price_hops(run_sets):
    """Stacked bars: the base run's delivered price of controlled goods by hop and route over
    its last year, each hop as a share of the sector's first-year price (first-year value
    weights), as `chokepoint inspect` prints it."""
    run = run_sets[0].runs[0]
    if "price_maker" not in run.series:
        return None
    sectors = [run.axis("sector").index(s) for s in run.controlled_sectors()]
    imports = run.series["imports"].sum(axis=2)  # time, sector, route
    first, last = slice(0, 12), slice(-12, None)
    with np.errstate(all="ignore"):
        base_price = np.nanmean(run.series["average_price"][first][:, sectors], axis=0)
        weight = base_price * imports[first][:, sectors, :].sum(axis=(0, 2))
        routes = run.axis("route")
        shares = np.zeros((len(HOPS), len(routes)))
        for h, (name, _) in enumerate(HOPS):
            if name not in run.series:  # a file from before the hop was recorded
                continue
            price = run.series[name][last][:, sectors, :]
            units = imports[last][:, sectors, :]
            mean = np.nansum(price * units, axis=0) / units.sum(axis=0)  # sector, route
            for r in range(len(routes)):
                ok = np.isfinite(mean[:, r]) & (weight > 0)
                if ok.any():
                    shares[h, r] = np.sum(weight[ok] * mean[ok, r] / base_price[ok]) / np.sum(weight[ok])
    fig, ax = plt.subplots(figsize=(9.0, 3.6))
    bottom = np.zeros(len(routes))
    for h, (_, label) in enumerate(HOPS):
        ax.bar(routes, shares[h], bottom=bottom, label=label, color=COLOURS[h % 10])
        bottom += shares[h]
    ax.set_ylabel("share of the first year's price")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    title = f"Delivered price of controlled goods by hop, last year ({run_sets[0].label})"
    ax.set_title(title, fontsize=11)
    fig.tight_layout()
    caption = ("What one unit of controlled goods cost the target's buyers over the run's last "
               "year, by route and hop (price_* datasets): the maker's price and its premium for "
               "its own risk of designation, distributors' "
               "margin, transshipment and logistics, the trader's markup floor and scarcity "
               "rent, the risk premium for seizures, payment fees and the tariff.")
    return Figure("price_hops", title, caption, fig)


def _sector_panels(run_sets):
    return [(s, s) for s in run_sets[0].runs[0].controlled_sectors()][:MAX_PANELS]


def domestic_share(run_sets):
    def share(run, sector):
        return run.series["domestic_share"][:, run.axis("sector").index(sector)]
    return _lines(run_sets, _sector_panels(run_sets), share, "share (1 = 100%)",
                  "Domestic producers' share of deliveries", "domestic_share",
                  "Share of each controlled sector's deliveries made by the target's own producers.")


def shortages(run_sets):
    def shortage(run, sector):
        i = run.axis("sector").index(sector)
        demand = run.series["demand"][:, i]
        with np.errstate(all="ignore"):
            return np.where(demand > 0, run.series["unmet_demand"][:, i] / demand, np.nan)
    return _lines(run_sets, _sector_panels(run_sets), shortage, "unmet / demand",
                  "Shortages: share of demand left unserved", "shortages",
                  "Unmet demand divided by demand, per controlled sector (0 = every buyer served).")


def designations(run_sets):
    def designated(run, who):
        if who == "firms":
            return run.series["firms_designated_total"].sum(axis=1)
        return np.cumsum(run.series["intermediaries_designated"].sum(axis=1))
    return _lines(run_sets, [("firms (secondary sanctions)", "firms"),
                             ("intermediaries in hubs", "intermediaries")],
                  designated, "designated so far (count)", "Designations so far", "designations",
                  "Cumulative count of firms and hub intermediaries designated.")


def all_figures(run_sets, targets):
    figures = [controlled_imports_by_origin(run_sets), focus_share(run_sets, targets),
               origin_bases(run_sets), hub_volumes(run_sets), price_index(run_sets),
               price_hops(run_sets), domestic_share(run_sets), shortages(run_sets),
               designations(run_sets)]
    return [f for f in figures if f is not None]
