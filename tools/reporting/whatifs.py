"""tools/whatifs: the what-if scenarios against the flagship, from runs to docs/WHATIFS.md.

One command: build the Release binary (unless --binary), check and validate the scenarios,
run the flagship and every what-if for seeds 1..N (`chokepoint run --seed S`, several runs at
once), compare them with `chokepoint compare --format csv`, draw a
fan chart per what-if and write the markdown. Every run starts afresh (the output folders
are emptied), so no run of an older engine or scenario is ever mixed in.
"""
import argparse
import concurrent.futures
import csv
import io
import os
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import whatif_checks  # noqa: E402
import whatif_figures  # noqa: E402
import whatif_page  # noqa: E402
from runs import ReportError, RunSet, run_command  # noqa: E402

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLAGSHIP = "scenarios/russia_tech.yaml"
WHATIF_DIR = "scenarios/whatifs"
BASELINE_LABEL = "baseline"

HELP = """\
Runs the flagship scenario (the baseline) and every what-if of scenarios/whatifs/ for seeds
1..N, compares them with `chokepoint compare` over a period and writes docs/WHATIFS.md with
tables (means with 90% intervals, paired differences) and fan charts (docs/whatifs/*.png).

Examples:
  tools/whatifs                         # 20 seeds: results/whatifs/, docs/WHATIFS.md
  tools/whatifs --seeds 40 --period 2025-01..2027-12
  tools/whatifs --seeds 2 --binary build/test/chokepoint --out /tmp/w --docs /tmp/w/docs
"""


def parse(argv):
    parser = argparse.ArgumentParser(prog="tools/whatifs", description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20, metavar="N",
                        help="seeds 1..N per scenario (default 20)")
    parser.add_argument("--period", default="2026-01..2027-12", metavar="FROM..TO",
                        help="months compared, both included (default 2026-01..2027-12)")
    parser.add_argument("--out", default=os.path.join(SOURCE, "results", "whatifs"),
                        metavar="DIR", help="run files and compare.csv (default results/whatifs)")
    parser.add_argument("--docs", default=os.path.join(SOURCE, "docs"), metavar="DIR",
                        help="writes DIR/WHATIFS.md and DIR/whatifs/*.png (default docs)")
    parser.add_argument("--binary", metavar="PATH",
                        help="chokepoint binary to use (default: build build/release)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="runs at once (default: all cores)")
    parser.add_argument("--whatifs", default=os.path.join(SOURCE, WHATIF_DIR), metavar="DIR",
                        help="folder of what-if scenarios (default scenarios/whatifs)")
    parser.add_argument("--calibration", metavar="TEXT",
                        help="how the flagship was calibrated, for the header (default: the "
                             "flagship's own header comments that mention calibration)")
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    if not re.fullmatch(r"\d{4}-\d{2}\.\.\d{4}-\d{2}", args.period):
        parser.error(f"--period expects YYYY-MM..YYYY-MM, got {args.period!r}")
    return args


def build_release():
    build = os.path.join(SOURCE, "build", "release")
    subprocess.run(["cmake", "-S", SOURCE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                    "-DCHOKEPOINT_BUILD_TESTS=OFF"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build, f"-j{os.cpu_count() or 1}", "--target",
                    "chokepoint"], check=True)
    return os.path.join(build, "chokepoint")


def whatif_files(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml"))
    # The combination last, after the what-ifs it combines.
    names.sort(key=lambda n: n == whatif_checks.COMBINED_FILE)
    if not names:
        raise ReportError(f"no what-if scenarios (*.yaml) in {folder}")
    return [os.path.join(folder, n) for n in names]


def description(path):
    """The file's leading comment, as one line."""
    lines = []
    with open(path) as f:
        for line in f:
            if not line.startswith("#"):
                break
            lines.append(line[1:].strip())
    return " ".join(lines).replace("|", "/")


def calibration_note(flagship):
    """What the flagship's header says about its calibration, in one sentence: the first line
    and, for a file `chokepoint calibrate` wrote, its objective line up to the values (the
    command line and fit table that follow are for the file, not for this page)."""
    with open(flagship) as f:
        header = [line[1:].strip() for line in f if line.startswith("#")]
    said = [line for line in header if "calibrat" in line.lower() and not line.startswith("chokepoint ")]
    if not said:
        return "the flagship file does not say how it was calibrated."
    objective = next((line.split("; values:")[0] for line in header if line.startswith("objective ")), None)
    note = said[0].rstrip(",") + (" `chokepoint calibrate` (tools/calibrate_flagship), " + objective
                                  if objective else "")
    return note + " (docs/CALIBRATION.md, \"The flagship\")."


def run_seeds(binary, jobs, threads):
    """`chokepoint run --seed S` for every (scenario, seed, file) job, `threads` at once.

    Not `chokepoint sweep`: a sweep file needs at least one axis (`axes: []` is refused), and
    a dummy axis would write a meaningless column into its summary. Each run is one thread,
    so the runs, not the agents, share the cores (docs/SWEEPS.md: the faster split)."""
    def one(job):
        scenario, seed, path = job
        run_command([binary, "run", scenario, "--seed", str(seed), "--out", path, "--threads", "1",
             "--quiet"])
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, jobs))  # list(): re-raises the first failure


def read_compare(text):
    table = {}
    for row in csv.DictReader(io.StringIO(text)):
        parsed = {"runs": int(row["runs"])}
        for key in ("mean", "low", "high", "difference_from_base", "difference_low",
                    "difference_high"):
            parsed[key] = float(row[key]) if row[key] != "" else None
        table.setdefault(row["outcome"], {})[row["argument"]] = parsed
    return table


def write_atomically(path, data):
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


def main(argv):
    args = parse(argv)
    flagship = os.path.join(SOURCE, FLAGSHIP)
    binary = os.path.abspath(args.binary) if args.binary else build_release()
    whatif_checks.check_doubled(binary, flagship, args.whatifs)
    whatif_checks.check_combined(args.whatifs)
    scenarios = [(BASELINE_LABEL, flagship)] + [
        (os.path.basename(p)[:-len(".yaml")], p) for p in whatif_files(args.whatifs)]
    for _, path in scenarios:
        run_command([binary, "validate", path])

    folders, jobs = {}, []
    for label, path in scenarios:
        folders[label] = os.path.join(args.out, label)
        shutil.rmtree(folders[label], ignore_errors=True)
        os.makedirs(folders[label])
        jobs += [(path, seed, os.path.join(folders[label], f"seed{seed:03d}.h5"))
                 for seed in range(1, args.seeds + 1)]
    print(f"tools/whatifs: {len(jobs)} runs ({len(scenarios)} scenarios x seeds 1..{args.seeds}), "
          f"{args.threads} at once", flush=True)
    run_seeds(binary, jobs, args.threads)

    compare_csv = run_command([binary, "compare"] + [folders[label] for label, _ in scenarios]
                      + ["--period", args.period, "--format", "csv"])
    write_atomically(os.path.join(args.out, "compare.csv"), compare_csv.encode())
    by_argument = read_compare(compare_csv)
    table = {o: {label: rows[folders[label]] for label, _ in scenarios}
             for o, rows in by_argument.items()}

    run_sets = {label: RunSet(folders[label]) for label, _ in scenarios}
    for label, run_set in run_sets.items():
        run_set.label = label
        seeds = sorted(int(r.attrs["seed"]) for r in run_set.runs)
        if seeds != list(range(1, args.seeds + 1)):
            raise ReportError(f"{folders[label]} holds seeds {seeds}, expected 1..{args.seeds}")
    first, last = args.period.split("..")
    period = (np.datetime64(first, "D"), (np.datetime64(last, "M") + 1).astype("datetime64[D]"))

    figures_dir = os.path.join(args.docs, "whatifs")
    os.makedirs(figures_dir, exist_ok=True)
    summary = description(flagship).split(". ")[0] + "."
    if summary.startswith("Calibrated scenario"):  # the calibrator's header: not a description
        summary = "The calibrated flagship (docs/CALIBRATION.md, \"The flagship\")."
    pages = [(BASELINE_LABEL, FLAGSHIP, summary, None)]
    for label, path in scenarios[1:]:
        fig = whatif_figures.fan_chart(run_sets[BASELINE_LABEL], run_sets[label],
                                       f"{label} against the baseline ({args.seeds} seeds)", period)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
        plt.close(fig)
        write_atomically(os.path.join(figures_dir, label + ".png"), buffer.getvalue())
        pages.append((label, os.path.relpath(path, SOURCE), description(path),
                      f"whatifs/{label}.png"))

    first_run = run_sets[BASELINE_LABEL].runs[0]
    meta = {
        "command": shlex.join(["tools/whatifs"] + argv),
        "figures_dir": "whatifs",
        "seeds": f"1..{args.seeds}",
        "runs": args.seeds,
        "engine": f"chokepoint {first_run.attrs.get('engine_version', '?')}, git revision "
                  f"{first_run.attrs.get('git_revision', '?')}",
        "flagship": FLAGSHIP,
        "calibration": args.calibration or calibration_note(flagship),
        "period": args.period,
        "runs_dir": os.path.relpath(args.out, SOURCE) if args.out.startswith(SOURCE) else args.out,
    }
    markdown = whatif_page.render(meta, pages, table)
    page_path = os.path.join(args.docs, "WHATIFS.md")
    write_atomically(page_path, markdown.encode())
    print(f"tools/whatifs: wrote {page_path}, {len(pages) - 1} figures in {figures_dir} and "
          f"{os.path.join(args.out, 'compare.csv')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ReportError as error:
        print(f"tools/whatifs: error: {error}", file=sys.stderr)
        sys.exit(1)
