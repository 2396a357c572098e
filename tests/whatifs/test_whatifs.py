"""tools/whatifs at a tiny scale (2 seeds): the write-up and its figures appear, its numbers
are those `chokepoint compare` prints for the same runs, its words follow the intervals, and
what-if files that drifted from the flagship are refused.

Usage: python3 test_whatifs.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import csv
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

import h5py
import matplotlib.image
import numpy as np

BINARY = ""
SOURCE = ""
SEEDS = 2
PERIOD = "2026-01..2027-12"
NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?")


def whatifs(*args):
    return subprocess.run([os.path.join(SOURCE, "tools", "whatifs"), "--binary", BINARY, *args],
                          capture_output=True, text=True, timeout=600)


def labels():
    folder = os.path.join(SOURCE, "scenarios", "whatifs")
    return sorted(n[:-5] for n in os.listdir(folder) if n.endswith(".yaml"))


def numbers(cell):
    return [float(n.replace(",", "")) for n in NUMBER.findall(cell)]


def table_after(markdown, heading):
    """{first cell: [other cells]} and the header cells of the table under a heading."""
    lines = markdown[markdown.index(heading):].splitlines()[1:]
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[0], {row[0]: row[1:] for row in rows[2:]}


def setUpModule():
    Fixture.dir = tempfile.mkdtemp(prefix=f"whatifs_test_{os.getpid()}_")
    Fixture.out = os.path.join(Fixture.dir, "runs")
    Fixture.docs = os.path.join(Fixture.dir, "docs")
    Fixture.result = whatifs("--seeds", str(SEEDS), "--out", Fixture.out, "--docs", Fixture.docs,
                             "--threads", "2")
    page = os.path.join(Fixture.docs, "WHATIFS.md")
    Fixture.markdown = ""
    if os.path.exists(page):
        with open(page) as f:
            Fixture.markdown = f.read()


def tearDownModule():
    shutil.rmtree(Fixture.dir, ignore_errors=True)


class Fixture(unittest.TestCase):
    def compare(self):
        folders = [os.path.join(self.out, name) for name in ["baseline"] + self.ordered()]
        result = subprocess.run([BINARY, "compare", *folders, "--period", PERIOD, "--format",
                                 "csv"], capture_output=True, text=True, timeout=300, check=True)
        rows = {}
        for row in csv.DictReader(io.StringIO(result.stdout)):
            rows[(row["outcome"], os.path.basename(row["argument"]))] = row
        return rows

    @staticmethod
    def ordered():
        names = labels()
        names.sort(key=lambda n: n == "all_together")
        return names


class Output(Fixture):
    def test_command_succeeds(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr[-3000:])

    def test_every_whatif_has_a_figure_in_the_page(self):
        for name in labels():
            path = os.path.join(self.docs, "whatifs", name + ".png")
            with open(path, "rb") as f:
                header = f.read(24)
            self.assertEqual(header[:8], b"\x89PNG\r\n\x1a\n", name)
            width, height = struct.unpack(">II", header[16:24])
            self.assertTrue(600 <= width <= 2500 and 300 <= height <= 2000, (name, width, height))
            pixels = matplotlib.image.imread(path)
            self.assertGreater(len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)), 20)
            self.assertIn(f"](whatifs/{name}.png)", self.markdown)

    def test_header_says_command_seeds_and_engine_revision(self):
        with h5py.File(os.path.join(self.out, "baseline", "seed001.h5"), "r") as f:
            revision = f.attrs["git_revision"]
            revision = revision.decode() if isinstance(revision, bytes) else str(revision)
        self.assertIn(f"`tools/whatifs --binary {BINARY} --seeds {SEEDS}", self.markdown)
        self.assertIn(f"**Seeds:** 1..{SEEDS}", self.markdown)
        self.assertIn(f"git revision {revision}", self.markdown)
        self.assertIn("scenarios/russia_tech.yaml", self.markdown)
        self.assertIn(PERIOD, self.markdown)

    def test_run_folders_hold_seeds_one_to_n(self):
        for name in ["baseline"] + labels():
            runs = sorted(os.listdir(os.path.join(self.out, name)))
            seeds = []
            for run in runs:
                with h5py.File(os.path.join(self.out, name, run), "r") as f:
                    seeds.append(int(f.attrs["seed"]))
            self.assertEqual(sorted(seeds), list(range(1, SEEDS + 1)), name)


class Numbers(Fixture):
    def assert_close(self, shown, exact, what):
        # Four significant digits, or a whole number above 10^4.
        self.assertLessEqual(abs(shown - exact), 5e-4 * abs(exact) + 0.5 * (abs(exact) >= 1e4)
                             + 1e-15, what)

    def test_differences_table_matches_compare(self):
        rows = self.compare()
        header, table = table_after(self.markdown, "## Differences from the baseline")
        outcomes = outcome_columns(header[1:])
        self.assertEqual(sorted(table), sorted(labels()))
        checked = 0
        for name, cells in table.items():
            for outcome, cell in zip(outcomes, cells):
                row = rows[(outcome, name)]
                shown = numbers(cell)
                exact = [float(row[k]) for k in ("difference_from_base", "difference_low",
                                                 "difference_high")]
                self.assertEqual(len(shown), 3, cell)
                for s, e in zip(shown, exact):
                    self.assert_close(s, e, (name, outcome, cell))
                low, high = exact[1], exact[2]
                word = "raises" if low > 0 else "lowers" if high < 0 else "no clear change"
                self.assertTrue(cell.endswith(word), (name, outcome, cell, low, high))
                checked += 1
        self.assertEqual(checked, len(labels()) * len(outcomes))

    def test_means_table_matches_compare(self):
        rows = self.compare()
        header, table = table_after(self.markdown, "## Means with 90% intervals")
        outcomes = outcome_columns([label for label in table])
        for outcome, (label, cells) in zip(outcomes, table.items()):
            for name, cell in zip(header[1:], cells):
                row = rows[(outcome, name)]
                shown = numbers(cell)
                exact = [float(row[k]) for k in ("mean", "low", "high")]
                self.assertEqual(len(shown), 3, cell)
                for s, e in zip(shown, exact):
                    self.assert_close(s, e, (name, outcome, cell))

    def test_sentences_follow_the_intervals(self):
        rows = self.compare()
        for name in labels():
            section = self.markdown[self.markdown.index(f"\n## {name}\n"):]
            sentence = next(line for line in section.splitlines()
                            if line.startswith(("Against", "Every outcome")))
            row = rows[("focus_share_period", name)]
            low, high = float(row["difference_low"]), float(row["difference_high"])
            if low > 0 or high < 0:
                self.assertIn(f"{'raises' if low > 0 else 'lowers'} the China+HK share by",
                              sentence)
            elif low == high == 0:
                self.assertTrue(sentence.startswith("Every outcome is exactly"), sentence)
            else:
                self.assertRegex(sentence, r"no clear change in the [^;]*China\+HK share")


def outcome_columns(cells):
    """Outcome ids of table cells labelled 'name (unit)', from the page's own list."""
    sys.path.insert(0, os.path.join(SOURCE, "tools", "reporting"))
    from whatif_page import OUTCOMES
    by_label = {f"{name} ({unit})": outcome for outcome, name, unit in OUTCOMES}
    return [by_label[c] for c in cells]


class Refusals(Fixture):
    """Files that no longer say what their comments claim stop the command before any run."""

    def edited_copy(self, file, old, new):
        folder = os.path.join(self.dir, f"edited_{file}")
        shutil.copytree(os.path.join(SOURCE, "scenarios", "whatifs"), folder)
        # The copies extend the flagship where it is, as the originals do from their folder.
        flagship = os.path.join(SOURCE, "scenarios", "russia_tech.yaml")
        for name in os.listdir(folder):
            with open(os.path.join(folder, name)) as f:
                text = f.read()
            with open(os.path.join(folder, name), "w") as f:
                f.write(text.replace("extends: ../russia_tech.yaml", f"extends: {flagship}"))
        path = os.path.join(folder, file)
        with open(path) as f:
            text = f.read()
        self.assertIn(old, text)
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))
        return whatifs("--whatifs", folder, "--out", os.path.join(folder, "out"),
                       "--docs", os.path.join(folder, "docs"))

    def assert_refused(self, result, words):
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("tools/whatifs: error: "), lines[0])
        self.assertIn(words, lines[0])

    def test_subsidies_not_twice_the_flagship(self):
        self.assert_refused(self.edited_copy("doubled_subsidies.yaml", "annual_budget: 4.4e9",
                                             "annual_budget: 4.0e9"), "twice the flagship")

    def test_combination_drifted_from_its_parts(self):
        self.assert_refused(self.edited_copy("all_together.yaml", "share: 0.2", "share: 0.3"),
                            "verbatim")


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
