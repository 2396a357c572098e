"""Command-line tests of `chokepoint inspect` and `chokepoint compare`: the small world run with
three seeds into one folder and, with weaker export controls (--set), into another; then
compared in the three formats, the csv's numbers checked against what h5py reads from the files.

Usage: python3 test_compare_cli.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import csv
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy

BINARY = ""
SOURCE = ""
SEEDS = (1, 2, 3)
POLICY = "policies.export_controls[controls].coverage=0.3"
# 90% t-interval of a mean of three: t(0.95, 2 degrees of freedom).
T_95_2 = 2.919986


def chokepoint(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=600)


def last_year_mean(path, name):
    """Mean of a per-step scalar series over the last 12 steps, NaN steps left out."""
    with h5py.File(path, "r") as f:
        values = numpy.asarray(f[name][-12:], dtype=float)
    return float(numpy.nanmean(values))


def month_value(path, name, step):
    with h5py.File(path, "r") as f:
        return float(f[name][step])


class CompareCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="chokepoint_compare_cli_")
        world = os.path.join(SOURCE, "tests", "data", "small_world.yaml")
        cls.base = os.path.join(cls.tmp, "base")
        cls.policy = os.path.join(cls.tmp, "weak_controls")
        for seed in SEEDS:
            for folder, extra in ((cls.base, []), (cls.policy, ["--set", POLICY])):
                out = os.path.join(folder, "seed%d.h5" % seed)
                result = chokepoint("run", world, "--seed", str(seed), "--out", out, "--quiet",
                                    "--threads", "1", *extra)
                assert result.returncode == 0, result.stderr
        cls.short = os.path.join(cls.tmp, "short.h5")
        result = chokepoint("run", world, "--seed", "1", "--out", cls.short, "--quiet",
                            "--set", "calendar.steps=18")
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def files(self, folder):
        return [os.path.join(folder, "seed%d.h5" % s) for s in SEEDS]

    def csv_rows(self, *extra):
        result = chokepoint("compare", self.base, self.policy, "--format", "csv", *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        return list(csv.DictReader(io.StringIO(result.stdout)))

    def row(self, rows, outcome, argument):
        found = [r for r in rows if r["outcome"] == outcome and r["argument"] == argument]
        self.assertEqual(len(found), 1, (outcome, argument))
        return found[0]

    def test_csv_numbers_match_the_files(self):
        rows = self.csv_rows()
        self.assertEqual({r["period"] for r in rows}, {"2022-01..2022-12"})
        for outcome, series in (("focus_share_last_year", "focus_share"),
                                ("hhi_last_year", "hhi"),
                                ("price_index_last_year", "price_index")):
            base = [last_year_mean(f, series) for f in self.files(self.base)]
            policy = [last_year_mean(f, series) for f in self.files(self.policy)]
            b = self.row(rows, outcome, self.base)
            p = self.row(rows, outcome, self.policy)
            self.assertEqual(b["role"], "base")
            self.assertEqual(int(b["runs"]), 3)
            self.assertAlmostEqual(float(b["mean"]), numpy.mean(base), places=12)
            self.assertAlmostEqual(float(p["mean"]), numpy.mean(policy), places=12)
            self.assertAlmostEqual(float(p["difference_from_base"]),
                                   numpy.mean(policy) - numpy.mean(base), places=12)
            # Same seeds in both folders: an interval of the per-seed differences.
            differences = numpy.array(policy) - numpy.array(base)
            half = T_95_2 * numpy.std(differences, ddof=1) / math.sqrt(3)
            self.assertAlmostEqual(float(p["difference_high"]),
                                   numpy.mean(differences) + half, places=6)
            self.assertAlmostEqual(float(p["difference_low"]),
                                   numpy.mean(differences) - half, places=6)
            self.assertEqual(b["difference_low"], "")
            half = T_95_2 * numpy.std(base, ddof=1) / math.sqrt(3)
            self.assertAlmostEqual(float(b["high"]) - float(b["mean"]), half, places=6)
            self.assertAlmostEqual(float(b["mean"]) - float(b["low"]), half, places=6)
        # The policy change matters: weaker controls leave more coalition imports.
        share = self.row(rows, "focus_share_last_year", self.policy)
        self.assertNotEqual(float(share["difference_from_base"]), 0.0)

    def test_at_one_month_and_a_period(self):
        rows = self.csv_rows("--period", "2021-07..2021-12", "--at", "2022-06")
        self.assertEqual({r["period"] for r in rows}, {"2021-07..2021-12", "2022-06..2022-06"})
        june = [r for r in rows if r["period"] == "2022-06..2022-06"]
        b = self.row(june, "price_index_period", self.base)
        expected = numpy.mean([month_value(f, "price_index", 17) for f in self.files(self.base)])
        self.assertAlmostEqual(float(b["mean"]), expected, places=12)
        half_year = [r for r in rows if r["period"] == "2021-07..2021-12"]
        p = self.row(half_year, "hhi_period", self.policy)
        with_h5 = []
        for f in self.files(self.policy):
            with h5py.File(f, "r") as h:
                with_h5.append(float(numpy.nanmean(numpy.asarray(h["hhi"][6:12], dtype=float))))
        self.assertAlmostEqual(float(p["mean"]), numpy.mean(with_h5), places=12)

    def test_table_and_markdown(self):
        table = chokepoint("compare", self.base, self.policy)
        self.assertEqual(table.returncode, 0, table.stderr)
        self.assertIn("90% t-interval", table.stdout)
        self.assertIn("A (base)", table.stdout)
        self.assertIn("B - A", table.stdout)
        self.assertIn("shortage_last_year", table.stdout)
        markdown = chokepoint("compare", self.base, self.policy, self.files(self.policy)[0],
                              "--format", "markdown")
        self.assertEqual(markdown.returncode, 0, markdown.stderr)
        lines = [l for l in markdown.stdout.splitlines() if l.startswith("|")]
        # Header, rule, one row per outcome; every row with the same number of cells.
        self.assertGreater(len(lines), 10)
        self.assertEqual(len({l.count("|") for l in lines}), 1)
        self.assertIn("| C - A |", lines[0])

    def test_mismatched_calendars_are_refused(self):
        result = chokepoint("compare", self.base, self.short)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        message = result.stderr.strip()
        self.assertEqual(len(message.splitlines()), 1, message)
        self.assertIn("cannot compare " + self.files(self.base)[0] + " and " + self.short, message)
        self.assertIn("calendars differ (start 2021-01, 24 steps of 1 month vs start 2021-01, "
                      "18 steps of 1 month)", message)

    def test_bad_command_lines(self):
        self.assertEqual(chokepoint("compare", self.base).returncode, 2)
        self.assertEqual(chokepoint("compare", self.base, self.policy, "--format", "xml")
                         .returncode, 2)
        bad_period = chokepoint("compare", self.base, self.policy, "--period", "2030-01..2030-02")
        self.assertEqual(bad_period.returncode, 1)
        self.assertIn("is outside the run (2021-01..2022-12)", bad_period.stderr)
        help_text = chokepoint("compare", "--help")
        self.assertEqual(help_text.returncode, 0)
        self.assertIn("Examples:", help_text.stdout)
        self.assertIn("--period", help_text.stdout)

    def test_inspect(self):
        path = self.files(self.policy)[1]
        result = chokepoint("inspect", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout
        self.assertIn("scenario   small_world", out)
        self.assertIn("seed       2", out)
        self.assertIn("calendar   start 2021-01, 24 steps of 1 month", out)
        self.assertIn("focus_share_last_year", out)
        with h5py.File(path, "r") as f:
            for name in ("imports", "price_index", "hub_volume"):
                shape = " x ".join(str(n) for n in f[name].shape)
                line = [l for l in out.splitlines() if l.split()[:1] == [name]]
                self.assertEqual(len(line), 1, name)
                self.assertIn(shape, line[0])
        self.assertEqual(chokepoint("inspect", os.path.join(self.tmp, "nope.h5")).returncode, 1)
        self.assertIn("Examples:", chokepoint("inspect", "--help").stdout)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
