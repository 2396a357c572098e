"""Command-line tests of `chokepoint sweep` and `chokepoint sensitivity`: dry runs, a sweep
killed with SIGKILL and resumed, Slurm-style shards, and (class MpiSweep) two MPI ranks.

Usage: python3 test_sweep_cli.py CHOKEPOINT_BINARY SOURCE_DIR [TestClass ...]
"""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py

BINARY = ""
SOURCE = ""


def sweep_file(name):
    return os.path.join(SOURCE, "tests", "data", "sweeps", name)


def chokepoint(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=600, env=env)


def read(path):
    with open(path) as f:
        return f.read()


def run_files(folder):
    return sorted(glob.glob(os.path.join(folder, "runs", "*.h5")))


class SweepTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="chokepoint_sweep_cli_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def clean_summary(self, name="small_grid.yaml"):
        """The summary of a sweep run from scratch in one go."""
        out = os.path.join(self.tmp, "clean_" + name)
        result = chokepoint("sweep", sweep_file(name), "--out", out, "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        return read(os.path.join(out, "summary.csv"))


class LocalSweep(SweepTest):
    def test_dry_run_counts_estimates_and_writes_nothing(self):
        out = os.path.join(self.tmp, "dry")
        result = chokepoint("sweep", sweep_file("small_grid.yaml"), "--out", out, "--dry-run")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("grid design, 6 points x 2 replicates = 12 runs", result.stdout)
        self.assertIn("0 finished, 12 to run", result.stdout)
        self.assertRegex(result.stdout, r"estimate: .* for the runs left")
        self.assertIn("run 0: point 0, replicate 0, seed 5: "
                      "policies.export_controls[controls].coverage=0.5", result.stdout)
        self.assertFalse(os.path.exists(out))

    def test_killed_sweep_resumes_to_the_same_summary(self):
        out = os.path.join(self.tmp, "killed")
        process = subprocess.Popen([BINARY, "sweep", sweep_file("small_grid_long.yaml"), "--out", out,
                                    "--threads", "1", "--quiet"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while len(run_files(out)) < 3 and time.time() < deadline and process.poll() is None:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        done = run_files(out)
        self.assertGreaterEqual(len(done), 3)
        self.assertLess(len(done), 48, "the sweep finished before it could be killed")
        # Whatever carries a final name is a complete run file.
        for path in done:
            with h5py.File(path, "r") as f:
                self.assertEqual(f.attrs["filetype"], "chokepoint-run")
                self.assertIn("sweep_variant_hash", f.attrs)

        result = chokepoint("sweep", sweep_file("small_grid_long.yaml"), "--out", out, "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, rf"{len(done)} finished, {48 - len(done)} to run")
        self.assertEqual(len(run_files(out)), 48)
        self.assertEqual(read(os.path.join(out, "summary.csv")), self.clean_summary("small_grid_long.yaml"))
        # Every run was finished once before the kill or once after it: never twice.
        log = read(os.path.join(out, "log", "rank0.txt")).split("\n")
        finished = sorted(int(line.split()[1]) for line in log if line.startswith("run "))
        self.assertEqual(len(finished), len(set(finished)))
        self.assertEqual(set(finished), set(range(48)))

    def test_shards_together_give_the_whole_sweep(self):
        out = os.path.join(self.tmp, "shards")
        for shard in range(3):
            env = dict(os.environ, SLURM_ARRAY_TASK_ID=str(10 + shard), SLURM_ARRAY_TASK_MIN="10",
                       SLURM_ARRAY_TASK_COUNT="3")
            result = chokepoint("sweep", sweep_file("small_grid.yaml"), "--out", out, "--quiet",
                                env=env)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"shard {shard} of 3 (from the Slurm array task): 4 runs", result.stdout)
            if shard < 2:
                self.assertIn("runs are not finished yet", result.stdout)
        self.assertEqual(len(run_files(out)), 12)
        self.assertEqual(read(os.path.join(out, "summary.csv")), self.clean_summary())

    def test_bad_shard_and_collect_before_the_end_are_refused(self):
        result = chokepoint("sweep", sweep_file("small_grid.yaml"), "--shard", "3/3")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--shard index", result.stderr)
        out = os.path.join(self.tmp, "partial")
        chokepoint("sweep", sweep_file("small_grid.yaml"), "--out", out, "--shard", "0/2")
        result = chokepoint("sweep", sweep_file("small_grid.yaml"), "--out", out, "--collect")
        self.assertEqual(result.returncode, 1)
        self.assertIn("6 of 12 runs are not finished", result.stderr)

    def test_sensitivity_ranks_the_parameters_of_a_morris_sweep(self):
        out = os.path.join(self.tmp, "morris")
        result = chokepoint("sweep", sweep_file("small_morris.yaml"), "--out", out, "--quiet")
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = os.path.join(out, "summary.h5")
        result = chokepoint("sensitivity", summary, "--output", "focus_share_last_year")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Morris elementary effects of focus_share_last_year", result.stdout)
        self.assertIn("policies.secondary_sanctions[threat].intensity", result.stdout)
        result = chokepoint("sensitivity", summary, "--output", "no_such_outcome")
        self.assertEqual(result.returncode, 1)
        self.assertIn("the summary has no outcome \"no_such_outcome\"", result.stderr)

    def test_sensitivity_refuses_a_grid(self):
        out = os.path.join(self.tmp, "grid")
        chokepoint("sweep", sweep_file("small_grid.yaml"), "--out", out, "--quiet")
        result = chokepoint("sensitivity", os.path.join(out, "summary.h5"), "--output", "hhi_last_year")
        self.assertEqual(result.returncode, 1)
        self.assertIn("sensitivity needs a sweep built for it", result.stderr)


class MpiSweep(SweepTest):
    def test_two_ranks_run_every_run_once_and_match_a_local_sweep(self):
        mpirun = shutil.which("mpirun")
        self.assertIsNotNone(mpirun, "mpirun not found (apt-get install openmpi-bin)")
        out = os.path.join(self.tmp, "mpi")
        command = [mpirun, "-np", "2", "--oversubscribe"]
        if os.geteuid() == 0:
            command.append("--allow-run-as-root")
        result = subprocess.run(command + [BINARY, "sweep", sweep_file("small_grid.yaml"),
                                           "--out", out, "--threads", "1"],
                                capture_output=True, text=True, timeout=600)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("2 process(es)", result.stdout)
        ran = {}
        for rank in (0, 1):
            log = read(os.path.join(out, "log", f"rank{rank}.txt")).split("\n")
            ran[rank] = [int(line.split()[1]) for line in log if line.startswith("run ")]
        everything = ran[0] + ran[1]
        self.assertEqual(sorted(everything), list(range(12)), f"runs by rank: {ran}")
        self.assertTrue(ran[0] and ran[1], f"a rank idled: {ran}")
        for path in run_files(out):
            with h5py.File(path, "r") as f:
                rank = int(f.attrs["sweep_rank"])
                self.assertIn(int(f.attrs["sweep_run"]), ran[rank])
                self.assertEqual(int(f.attrs["processes"]), 2)
        self.assertEqual(read(os.path.join(out, "summary.csv")), self.clean_summary())


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
