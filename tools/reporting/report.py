"""tools/report: figures and one self-contained HTML report from chokepoint run files."""
import argparse
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matplotlib.pyplot as plt  # noqa: E402

import figures  # noqa: E402
from html_page import page  # noqa: E402
from runs import ReportError, load_run_sets  # noqa: E402
from targets import check_quantities, load_targets  # noqa: E402

HELP = """\
Writes PNG figures and one self-contained HTML report (figures embedded, no other files
needed to view it) from chokepoint run files.

Each RUN argument is a run file (one run) or a folder of replicate run files (an ensemble,
drawn as a median with a 5-95% band). Several arguments make a comparison, one line or band
per argument, the first being the base.

Figures: controlled imports by shipping origin (stacked), focus-group share (with published
targets), hub volumes, price index, domestic share, shortages, designations.

Targets file (--targets), YAML, the format of `chokepoint fit` (docs/CALIBRATION.md):
  targets:
    - {name: china_hk_share, quantity: focus_share, period: 2023-01..2024-12,
       value: 0.85, tolerance: 0.05, weight: 1, source: "where it was published"}
    - {name: direct_collapse, quantity: "imports_value[sector=controlled, route=direct]",
       period: 2023-01..2023-12, relative_to: 2021-01..2021-12, at_most: 0.5, source: "..."}
Each target has value + tolerance, or at_most / at_least / range: [lo, hi]. Targets whose
quantity is a series over time alone (focus_share, focus_maker_share, hhi, price_index)
without relative_to are evaluated here (mean over the period, then over replicates) and
focus_share targets drawn; the others are listed as checked by `chokepoint fit`.

Examples:
  tools/report results/x.h5 --out results/report_x
  tools/report results/x.h5 --out results/report_x --targets scenarios/targets/russia_tech.yaml
  tools/report results/base.h5 results/stricter.h5 --out results/compare --title "Stricter controls"
  tools/report results/replicates/ --out results/ensemble
Open DIR/report.html in a browser.
"""


def parse(argv):
    parser = argparse.ArgumentParser(prog="tools/report", description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", metavar="RUN",
                        help="run file (.h5) or folder of replicate run files")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output folder: <figure>.png and report.html")
    parser.add_argument("--targets", metavar="FILE", help="YAML file of published targets")
    parser.add_argument("--title", metavar="TEXT", help="report title (default: from the runs)")
    return parser.parse_args(argv)


def main(argv):
    args = parse(argv)
    run_sets = load_run_sets(args.runs)
    targets = load_targets(args.targets) if args.targets else []
    check_quantities(targets, run_sets)
    title = args.title or " vs ".join(
        f"{rs.runs[0].attrs.get('scenario_name', rs.label)}" for rs in run_sets)
    os.makedirs(args.out, exist_ok=True)
    rendered = []
    for figure in figures.all_figures(run_sets, targets):
        buffer = io.BytesIO()
        figure.figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        plt.close(figure.figure)
        png = buffer.getvalue()
        with open(os.path.join(args.out, figure.slug + ".png"), "wb") as f:
            f.write(png)
        rendered.append((figure, png))
    target_rows = [(t, [t.model_figure(rs) for rs in run_sets]) for t in targets]
    report_path = os.path.join(args.out, "report.html")
    with open(report_path, "w", encoding="utf-8") as f:
        f.write(page(title, run_sets, rendered, target_rows))
    print(f"wrote {len(rendered)} figures and {report_path}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ReportError as error:
        print(f"tools/report: error: {error}", file=sys.stderr)
        sys.exit(1)
