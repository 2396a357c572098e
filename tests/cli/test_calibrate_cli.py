"""Command-line tests of `chokepoint calibrate` and `chokepoint fit` on the small world.

calibrate writes PREFIX.yaml, which runs to exactly the scenario with the calibrated values
given as --set, and PREFIX_history.h5 with the documented datasets; bad --free arguments are
one line and a non-zero exit; fit --check exits 1 when a target is outside, 0 when all are in.

Usage: python3 test_calibrate_cli.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import csv
import io
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
KEY = "policies.export_controls[controls].coverage"
TARGETS = """targets:
  - name: cn_chips_share
    quantity: "imports_by_shipper_value[sector=chips, state=CN|HK] / imports_by_shipper_value[sector=chips]"
    period: 2022-03..2022-12
    value: %s
    tolerance: %s
    source: "test"
"""


def chokepoint(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=600)


class CalibrateCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="chokepoint_calibrate_cli_")
        cls.world = os.path.join(SOURCE, "tests", "data", "small_world.yaml")
        cls.targets = os.path.join(cls.tmp, "targets.yaml")
        with open(cls.targets, "w") as f:
            f.write(TARGETS % ("0.3", "0.05"))
        cls.prefix = os.path.join(cls.tmp, "out", "calibrated")
        cls.result = chokepoint("calibrate", cls.world, cls.targets, "--free", KEY + "=0.1..1.0",
                                "--generations", "3", "--seeds", "2", "--confirm-seeds", "2",
                                "--threads", "2", "--out", cls.prefix)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_prints_progress_and_fit(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        out = self.result.stdout
        self.assertIn("generation 1/3: best ", out)
        self.assertIn("generation 3/3: best ", out)
        self.assertIn("cn_chips_share", out)
        self.assertIn("targets within; objective", out)

    def chosen_value(self):
        with h5py.File(self.prefix + "_history.h5", "r") as f:
            return float(f["chosen_parameters"][0])

    def test_yaml_runs_as_the_scenario_with_the_overrides(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        with open(self.prefix + ".yaml") as f:
            text = f.read()
        self.assertTrue(text.startswith("# Calibrated scenario"), text)
        self.assertIn("\nextends: ", text)
        a = os.path.join(self.tmp, "a.h5")
        b = os.path.join(self.tmp, "b.h5")
        r = chokepoint("run", self.prefix + ".yaml", "--out", a, "--quiet", "--threads", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        # repr() is the shortest text of the double: --set reads back the same number.
        r = chokepoint("run", self.world, "--set", "%s=%r" % (KEY, self.chosen_value()),
                       "--out", b, "--quiet", "--threads", "1")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
            self.assertEqual(fa["scenario_yaml"].asstr()[()], fb["scenario_yaml"].asstr()[()])
            self.assertTrue(numpy.array_equal(fa["imports"][:], fb["imports"][:]))

    def test_history_has_the_documented_datasets(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        with h5py.File(self.prefix + "_history.h5", "r") as f:
            self.assertEqual(f.attrs["filetype"], "chokepoint-calibration")
            for name in ("git_revision", "engine_version", "command_line", "options"):
                self.assertIn(name, f.attrs)
            evaluations = 3 * 4  # generations x population (4 for one parameter)
            self.assertEqual(f["parameters"].shape, (evaluations, 1))
            self.assertEqual(f["objective"].shape, (evaluations,))
            self.assertEqual(f["statistic"].shape, (evaluations, 1, 2))
            self.assertEqual(f["statistic_mean"].shape, (evaluations, 1))
            self.assertEqual(f["generation_sigma"].shape, (3,))
            self.assertEqual(f["finalist_statistic"].shape, (3, 1, 2))
            self.assertEqual(list(f["parameter"].asstr()[:]), [KEY])
            self.assertEqual(list(f["target"].asstr()[:]), ["cn_chips_share"])
            self.assertEqual(list(f["seed"][:]), [1, 2])
            self.assertEqual(list(f["confirm_seed"][:]), [3, 4])
            self.assertEqual([d.label for d in f["statistic"].dims],
                             ["evaluation", "target", "seed"])
            self.assertIn("units", f["objective"].attrs)
            self.assertIn("targets:", f["targets_yaml"].asstr()[()])
            self.assertIn("small_world", f["scenario_text"].asstr()[()])
            # the per-seed statistics average to the means
            numpy.testing.assert_allclose(f["statistic"][:].mean(axis=2), f["statistic_mean"][:])
            lo, hi = 0.1, 1.0
            self.assertTrue(((f["parameters"][:] >= lo) & (f["parameters"][:] <= hi)).all())

    def test_same_result_with_one_thread(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        prefix = os.path.join(self.tmp, "one_thread", "calibrated")
        r = chokepoint("calibrate", self.world, self.targets, "--free", KEY + "=0.1..1.0",
                       "--generations", "3", "--seeds", "2", "--confirm-seeds", "2",
                       "--threads", "1", "--out", prefix, "--quiet",
                       "--history", os.path.join(self.tmp, "elsewhere", "history.h5"))
        self.assertEqual(r.returncode, 0, r.stderr)
        # --history puts the history where it says, in a folder made for it, and only there.
        self.assertFalse(os.path.exists(prefix + "_history.h5"))
        with h5py.File(os.path.join(self.tmp, "elsewhere", "history.h5"), "r") as one, \
                h5py.File(self.prefix + "_history.h5", "r") as two:
            for name in ("parameters", "statistic", "objective", "generation_sigma",
                         "finalist_statistic", "chosen_parameters"):
                self.assertTrue(numpy.array_equal(one[name][:], two[name][:], equal_nan=True),
                                name)
        # The yaml differs only in the command line it records.
        def body(path):
            with open(path) as f:
                return [line for line in f if "--threads" not in line]
        self.assertEqual(body(prefix + ".yaml"), body(self.prefix + ".yaml"))

    def test_bad_free_arguments_are_one_line(self):
        cases = [
            (["--free", KEY], "expected KEY=LO..HI"),
            (["--free", KEY + "=0.9..0.2"], "must be below the high bound"),
            (["--free", KEY[:-1] + "=0.1..1.0"], "did you mean \"coverage\""),
            (["--free", "name=0..1"], "is not a number"),
            (["--free", KEY + "=0.1..1.0", "--start", KEY + "=1.5"], "outside the box"),
        ]
        for extra, message in cases:
            r = chokepoint("calibrate", self.world, self.targets, *extra, "--out",
                           os.path.join(self.tmp, "never"))
            self.assertNotEqual(r.returncode, 0, extra)
            self.assertIn(message, r.stderr)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "never.yaml")))

    def test_help_teaches(self):
        r = chokepoint("calibrate", "--help")
        self.assertEqual(r.returncode, 0)
        for text in ("--free KEY=LO..HI", "CMA-ES", "--confirm-seeds", "PREFIX_history.h5"):
            self.assertIn(text, r.stdout)


class FitCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="chokepoint_fit_cli_")
        world = os.path.join(SOURCE, "tests", "data", "small_world.yaml")
        cls.runs = os.path.join(cls.tmp, "runs")
        for seed in (1, 2):
            r = chokepoint("run", world, "--seed", str(seed), "--quiet", "--threads", "1",
                           "--out", os.path.join(cls.runs, "seed%d.h5" % seed))
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def fit(self, value, tolerance, *extra):
        path = os.path.join(self.tmp, "t_%s_%s.yaml" % (value, tolerance))
        with open(path, "w") as f:
            f.write(TARGETS % (value, tolerance))
        return chokepoint("fit", path, self.runs, *extra)

    def test_check_passes_and_fails(self):
        passing = self.fit("0.5", "1", "--check")  # any share is within 0.5 +- 1
        self.assertEqual(passing.returncode, 0, passing.stderr)
        self.assertIn("1 of 1 targets within", passing.stdout)
        failing = self.fit("5", "0.1", "--check")  # a share is never near 5
        self.assertEqual(failing.returncode, 1, failing.stderr)
        self.assertIn("OUTSIDE", failing.stdout)
        without_check = self.fit("5", "0.1")
        self.assertEqual(without_check.returncode, 0, without_check.stderr)

    def test_csv_has_the_statistic_of_two_seeds(self):
        r = self.fit("0.5", "1", "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(rows[0][:7],
                         ["target", "quantity", "period", "relative_to", "mean", "sd", "seeds"])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][6], "2")
        # The mean, worked out from the files with h5py: sum over 2022-03..2022-12 of CN's and HK's
        # chips imports value over all chips imports value, per seed, then the mean of the two.
        shares = []
        for seed in (1, 2):
            with h5py.File(os.path.join(self.runs, "seed%d.h5" % seed), "r") as f:
                labels = list(f["time_label"].asstr()[:])
                t0, t1 = labels.index("2022-03"), labels.index("2022-12") + 1
                sectors = list(f["sector"].asstr()[:])
                states = list(f["state"].asstr()[:])
                v = f["imports_by_shipper_value"][t0:t1, sectors.index("chips"), :]
                shares.append((v[:, states.index("CN")].sum() + v[:, states.index("HK")].sum()) / v.sum())
        self.assertAlmostEqual(float(rows[1][4]), numpy.mean(shares), places=12)
        self.assertAlmostEqual(float(rows[1][5]), numpy.std(shares, ddof=1), places=12)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
