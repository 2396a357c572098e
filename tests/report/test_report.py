"""tools/report as an analyst uses it: figures and one self-contained HTML report that a real
browser (headless Chromium) displays with every image decoded.

Usage: python3 test_report.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import base64
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
FIGURES = ("controlled_imports_by_origin", "focus_share", "origin_bases", "hub_volumes",
           "price_index", "price_hops", "domestic_share", "shortages", "designations")


def report(*args):
    return subprocess.run([os.path.join(SOURCE, "tools", "report"), *args], capture_output=True,
                          text=True, timeout=300)


def png_size(path):
    """(width, height) from the PNG header; raises if the file is not a PNG."""
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def setUpModule():
    Fixture.make()


def tearDownModule():
    shutil.rmtree(Fixture.dir, ignore_errors=True)


class Fixture(unittest.TestCase):
    """One small-world run, a three-replicate ensemble and the run's report, made once."""

    @classmethod
    def make(cls):
        cls.dir = tempfile.mkdtemp(prefix="report_test_")
        scenario = os.path.join(SOURCE, "tests", "data", "small_world.yaml")
        cls.run_file = os.path.join(cls.dir, "small.h5")
        os.makedirs(os.path.join(cls.dir, "ensemble"))
        for seed, path in [(7, cls.run_file)] + [
                (s, os.path.join(cls.dir, "ensemble", f"seed{s}.h5")) for s in (1, 2, 3)]:
            subprocess.run([BINARY, "run", scenario, "--seed", str(seed), "--out", path],
                           check=True, capture_output=True, timeout=300)
        cls.out = os.path.join(cls.dir, "single")
        cls.result = report(cls.run_file, "--out", cls.out, "--title", "Small world")


class Report(Fixture):
    def test_writes_every_figure_as_a_sane_png(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        for name in FIGURES:
            width, height = png_size(os.path.join(self.out, name + ".png"))
            self.assertTrue(600 <= width <= 2000 and 250 <= height <= 2000, (name, width, height))
            pixels = matplotlib.image.imread(os.path.join(self.out, name + ".png"))
            self.assertGreater(len(np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)), 10, name)

    def test_html_embeds_every_figure_and_nothing_else(self):
        with open(os.path.join(self.out, "report.html")) as f:
            page = f.read()
        for name in FIGURES:
            with open(os.path.join(self.out, name + ".png"), "rb") as f:
                uri = "data:image/png;base64," + base64.b64encode(f.read()).decode()
            self.assertIn(f"src='{uri}'", page, name)
        sources = re.findall(r"""\b(?:src|href)=['"]([^'"]*)""", page)
        self.assertEqual(len(sources), len(FIGURES))
        self.assertTrue(all(s.startswith("data:image/png;base64,") for s in sources))
        self.assertIn("<title>Small world</title>", page)

    def test_ensemble_and_comparison(self):
        ensemble = os.path.join(self.dir, "ensemble")
        for args in ([ensemble], [self.run_file, ensemble]):
            out = tempfile.mkdtemp(dir=self.dir)
            result = report(*args, "--out", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(os.path.join(out, "report.html")) as f:
                page = f.read()
            self.assertIn("3 replicates, seeds 1..3", page)
            self.assertEqual(page.count("data:image/png;base64,"), len(FIGURES))

    def test_targets_are_checked_against_the_period_mean(self):
        targets = os.path.join(self.dir, "targets.yaml")
        with open(targets, "w") as f:
            f.write("targets:\n"
                    "  - {name: share_value, quantity: focus_share, period: 2021-07..2022-06, "
                    "value: 0.5, tolerance: 0.01, weight: 2, source: 'test source'}\n"
                    "  - {name: share_bound, quantity: focus_share, period: 2021-07..2022-06, "
                    "at_most: 2, source: 'bound source'}\n"
                    "  - {name: direct_ratio, quantity: 'imports_value[route=direct]', "
                    "period: 2022-01..2022-06, relative_to: 2021-01..2021-06, at_least: 0.1, "
                    "source: 'expression source'}\n"
                    "  - {name: shifted, quantity: focus_share, period: 2022-01..2022-06, "
                    "relative_to: 2021-01..2021-06, range: [0.5, 2], source: 'ratio source'}\n")
        out = os.path.join(self.dir, "with_targets")
        result = report(self.run_file, "--out", out, "--targets", targets)
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(self.run_file, "r") as f:
            labels = list(f["time_label"].asstr()[...])
            share = f["focus_share"][labels.index("2021-07"):labels.index("2022-06") + 1]
        with open(os.path.join(out, "report.html")) as f:
            page = f.read()
        rows = {row.split("</td>")[0]: row for row in page.split("<tr><td>")[1:]}
        self.assertIn("test source", rows["share_value"])
        verdict = "within" if abs(share.mean() - 0.5) <= 0.01 else "outside"
        self.assertIn(f"{share.mean():.3g} ({verdict})", rows["share_value"])
        self.assertIn("0.5 \u00b1 0.01", rows["share_value"])
        bound = "within" if share.mean() <= 2 else "outside"
        self.assertIn(f"{share.mean():.3g} ({bound})", rows["share_bound"])
        self.assertIn("\u2264 2", rows["share_bound"])
        # An expression, and a bare series relative to another period: left to chokepoint fit.
        for name in ("direct_ratio", "shifted"):
            self.assertIn("checked by <code>chokepoint fit</code>", rows[name])
            self.assertNotIn("within", rows[name])
        self.assertIn("relative to 2021-01..2021-06", rows["shifted"])

    def test_ensemble_target_is_the_mean_over_replicates(self):
        targets = os.path.join(self.dir, "ensemble_targets.yaml")
        with open(targets, "w") as f:
            f.write("targets:\n  - {name: share, quantity: focus_share, period: 2022-01..2022-12, "
                    "range: [0, 1], source: s}\n")
        out = os.path.join(self.dir, "ensemble_targets")
        ensemble = os.path.join(self.dir, "ensemble")
        result = report(ensemble, "--out", out, "--targets", targets)
        self.assertEqual(result.returncode, 0, result.stderr)
        means = []
        for seed in (1, 2, 3):
            with h5py.File(os.path.join(ensemble, f"seed{seed}.h5"), "r") as f:
                labels = list(f["time_label"].asstr()[...])
                means.append(f["focus_share"][labels.index("2022-01"):labels.index("2022-12") + 1]
                             .mean())
        with open(os.path.join(out, "report.html")) as f:
            self.assertIn(f"{np.mean(means):.3g} (within)", f.read())

    def test_world_without_hubs(self):
        with open(os.path.join(SOURCE, "tests", "data", "small_world.yaml")) as f:
            lines = [line for line in f if not line.startswith("intermediaries:")
                     and "{hub:" not in line]
        scenario = os.path.join(self.dir, "no_hubs.yaml")
        with open(scenario, "w") as f:
            f.writelines(lines)
        run_file = os.path.join(self.dir, "no_hubs.h5")
        subprocess.run([BINARY, "run", scenario, "--out", run_file], check=True,
                       capture_output=True, timeout=300)
        with h5py.File(run_file, "r") as f:
            self.assertEqual(f["hub_volume"].shape[1], 0)
        out = os.path.join(self.dir, "no_hubs")
        result = report(run_file, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        for name in FIGURES:
            png_size(os.path.join(out, name + ".png"))

    def test_flagship_targets_file_is_valid(self):
        out = os.path.join(self.dir, "flagship_targets")
        result = report(self.run_file, "--out", out, "--targets",
                        os.path.join(SOURCE, "scenarios", "targets", "russia_tech.yaml"))
        self.assertEqual(result.returncode, 0, result.stderr)


class Errors(Fixture):
    def assert_one_line_error(self, result, words):
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("tools/report: error: "), lines[0])
        self.assertIn(words, lines[0])

    def test_missing_file(self):
        self.assert_one_line_error(report(os.path.join(self.dir, "nope.h5"), "--out", self.dir),
                                   "no such file")

    def test_files_that_are_not_runs(self):
        text = os.path.join(self.dir, "notes.h5")
        with open(text, "w") as f:
            f.write("not hdf5\n")
        self.assert_one_line_error(report(text, "--out", self.dir), "not a chokepoint run file")
        other = os.path.join(self.dir, "other.h5")
        with h5py.File(other, "w") as f:
            f["x"] = [1, 2, 3]
        self.assert_one_line_error(report(other, "--out", self.dir), "not a chokepoint run file")

    def test_bad_targets(self):
        cases = [
            ("{name: a, quantity: focus_share, period: 2021-07, value: 0.5, tolerance: 0.1, "
             "source: x}", "is not YYYY-MM..YYYY-MM"),
            ("{quantity: focus_share, period: 2021-07..2021-12, value: 0.5, tolerance: 0.1, "
             "source: x}", "missing key 'name'"),
            ("{name: a, quantity: focus_share, period: 2021-07..2021-12, value: 0.5, source: x}",
             "value needs a tolerance"),
            ("{name: a, quantity: focus_share, period: 2021-07..2021-12, value: 0.5, "
             "tolerance: 0.1, at_most: 1, source: x}", "give either value"),
            ("{name: a, quantity: focus_share, period: 2021-07..2021-12, range: [2, 1], "
             "source: x}", "lo <= hi"),
            ("{name: a, quantity: focus_shar, period: 2021-07..2021-12, at_most: 1, source: x}",
             "not a series"),
            ("{name: a, quantity: focus_share, period: 2021-07..2021-12, at_most: 1, "
             "relative_to: 2021, source: x}", "relative_to"),
        ]
        for i, (entry, words) in enumerate(cases):
            targets = os.path.join(self.dir, f"bad_targets_{i}.yaml")
            with open(targets, "w") as f:
                f.write(f"targets:\n  - {entry}\n")
            self.assert_one_line_error(
                report(self.run_file, "--out", self.dir, "--targets", targets), words)
        twice = os.path.join(self.dir, "bad_targets_twice.yaml")
        with open(twice, "w") as f:
            f.write("targets:\n" + "  - {name: a, quantity: hhi, period: 2021-07..2021-12, "
                    "at_most: 1, source: x}\n" * 2)
        self.assert_one_line_error(report(self.run_file, "--out", self.dir, "--targets", twice),
                                   "given twice")

    def test_help_teaches(self):
        result = report("--help")
        self.assertEqual(result.returncode, 0)
        for words in ("ensemble", "comparison", "--targets", "tolerance", "Examples"):
            self.assertIn(words, result.stdout)


def chromium(*args, profile):
    return subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                           f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)


class Browser(Fixture):
    """The report in a real browser: it renders, and every embedded image decodes."""

    def loaded_images_verdict(self, html_path):
        result = chromium("--virtual-time-budget=10000", "--dump-dom", "file://" + html_path,
                          profile=os.path.join(self.dir, "profile_dom"))
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        match = re.search(r'data-images="([^"]*)"', result.stdout)
        self.assertIsNotNone(match, "the page's image check did not run:\n" + result.stdout[:500])
        return match.group(1)

    def test_screenshot_is_not_blank(self):
        shot = os.path.join(self.dir, "screenshot.png")
        result = chromium(f"--screenshot={shot}", "--window-size=1280,4000",
                          "file://" + os.path.join(self.out, "report.html"),
                          profile=os.path.join(self.dir, "profile_shot"))
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        self.assertEqual(png_size(shot), (1280, 4000))
        pixels = matplotlib.image.imread(shot)[..., :3]
        colours = np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)
        self.assertGreater(len(colours), 50)
        # Not only the page's white: drawn content (text, figures) covers part of it.
        self.assertGreater((pixels.min(axis=-1) < 0.9).mean(), 0.02)

    def test_every_image_loads(self):
        self.assertEqual(self.loaded_images_verdict(os.path.join(self.out, "report.html")),
                         f"ok {len(FIGURES)}/{len(FIGURES)}")

    def test_a_broken_image_is_caught(self):
        with open(os.path.join(self.out, "report.html")) as f:
            page = f.read()
        start = page.index("data:image/png;base64,") + len("data:image/png;base64,")
        broken = os.path.join(self.dir, "broken.html")
        with open(broken, "w") as f:
            f.write(page[:start] + "AAAA" + page[start + 200:])  # a corrupt first PNG
        self.assertEqual(self.loaded_images_verdict(broken),
                         f"broken {len(FIGURES) - 1}/{len(FIGURES)}")


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
