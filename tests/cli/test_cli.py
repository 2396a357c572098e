"""Command-line tests: chokepoint run/validate/--version/--help as a user calls them.

Usage: python3 test_cli.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

BINARY = ""
SOURCE = ""


def chokepoint(*args, cwd=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def first_line_expectation(path):
    with open(path, "rb") as f:
        line = f.readline().decode("utf-8", "replace")
    match = re.match(r"#\s*expect:\s*(.*\S)", line)
    return match.group(1) if match else None


class VersionAndHelp(unittest.TestCase):
    def test_version_prints_project_version(self):
        with open(os.path.join(SOURCE, "CMakeLists.txt")) as f:
            version = re.search(r"project\(chokepoint VERSION (\S+)", f.read()).group(1)
        result = chokepoint("--version")
        self.assertEqual(result.returncode, 0)
        self.assertTrue(result.stdout.startswith(f"chokepoint {version} (git "), result.stdout)

    def test_help_teaches_every_command(self):
        result = chokepoint("--help")
        self.assertEqual(result.returncode, 0)
        for word in ("run", "validate", "bench", "--seed", "--threads", "Examples"):
            self.assertIn(word, result.stdout)
        for command in ("run", "validate", "resolve", "bench"):
            sub = chokepoint(command, "--help")
            self.assertEqual(sub.returncode, 0, command)
            self.assertIn(f"chokepoint {command}", sub.stdout)

    def test_bad_command_line_exits_2_with_one_line(self):
        for args in (["frobnicate"], ["run"], ["run", "x.yaml", "--threads", "zero"],
                     ["run", "x.yaml", "--colour"], []):
            result = chokepoint(*args)
            self.assertEqual(result.returncode, 2, args)
            self.assertTrue(result.stderr.strip(), args)


class Run(unittest.TestCase):
    def test_run_writes_a_complete_self_describing_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "sub", "run.h5")
            result = chokepoint("run", os.path.join(SOURCE, "tests/data/small_world.yaml"),
                                "--out", out, "--threads", "2", "--seed", "11")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Controlled imports by shipping state", result.stdout)
            self.assertIn("price index", result.stdout)
            self.assertEqual(os.listdir(os.path.dirname(out)), ["run.h5"])  # no .tmp left
            listing = subprocess.run(["h5ls", "-r", out], capture_output=True, text=True)
            self.assertEqual(listing.returncode, 0)
            expected = ["imports", "imports_by_shipper", "shipper_share_controlled", "focus_share",
                        "hhi", "price_index", "domestic_share", "domestic_capacity",
                        "subsidy_outlays", "intermediaries_active", "intermediaries_entered",
                        "intermediaries_designated", "hub_volume", "coalition_exports_to_hub",
                        "firms_serving", "firm_designations", "unmet_demand", "time", "sector",
                        "state", "route", "hub", "channel"]
            for name in expected:
                self.assertRegex(listing.stdout, rf"(?m)^/{name}\s+Dataset", name)
            with h5py.File(out, "r") as f:
                self.assertEqual(f.attrs["filetype"], "chokepoint-run")
                self.assertEqual(int(f.attrs["seed"]), 11)
                self.assertEqual(int(f.attrs["threads"]), 2)
                for key in ("engine_version", "git_revision", "started_utc", "finished_utc"):
                    self.assertTrue(str(f.attrs[key]), key)
                self.assertEqual(f["imports"].shape, (24, 2, 6, 3))
                for name in expected:
                    self.assertIn("units", f[name].attrs, name) if name not in (
                        "sector", "state", "route", "hub", "channel") else None
                self.assertEqual(f["imports"].attrs["units"], "units/month")
                self.assertFalse(np.isnan(f["focus_share"][:]).any())
                self.assertEqual([d.label for d in f["imports"].dims],
                                 ["time", "sector", "state", "route"])
            # The layout promises of docs/OUTPUT_FORMAT.md, checked as a user's reader sees them.
            check = subprocess.run([sys.executable, os.path.join(SOURCE, "tests/output/check_run_file.py"), out],
                                   capture_output=True, text=True)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)


    def test_unusable_output_path_fails_before_running(self):
        scenario = os.path.join(SOURCE, "tests/data/small_world.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            result = chokepoint("run", scenario, "--out", tmp)
            self.assertEqual(result.returncode, 2)
            self.assertIn("is a directory", result.stderr)
            blocker = os.path.join(tmp, "file")
            open(blocker, "w").close()
            result = chokepoint("run", scenario, "--out", os.path.join(blocker, "x.h5"))
            self.assertEqual(result.returncode, 2)
            self.assertIn("cannot create the folder", result.stderr)
            self.assertEqual(os.listdir(tmp), ["file"])


class OutputDocs(unittest.TestCase):
    def test_every_series_is_documented_with_its_dims_and_units(self):
        with open(os.path.join(SOURCE, "docs/OUTPUT_FORMAT.md")) as f:
            rows = re.findall(r"(?m)^\| `(\w+)` \| ([\w, ]+) \| `([^`]+)` \|", f.read())
        documented = {name: (dims, units) for name, dims, units in rows}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "run.h5")
            result = chokepoint("run", os.path.join(SOURCE, "tests/data/small_world.yaml"),
                                "--out", out, "--quiet")
            self.assertEqual(result.returncode, 0, result.stderr)
            written = {}
            with h5py.File(out, "r") as f:
                for name, dataset in f.items():
                    if "dims" in dataset.attrs:
                        dims = ", ".join(d.decode() if isinstance(d, bytes) else d
                                         for d in dataset.attrs["dims"])
                        written[name] = (dims, dataset.attrs["units"])
        self.assertEqual(written, documented)


class Validate(unittest.TestCase):
    def test_good_scenarios_validate(self):
        files = sorted(glob.glob(os.path.join(SOURCE, "scenarios", "**", "*.yaml"), recursive=True))
        # scenarios/targets/ holds published targets for tools/report, not scenarios.
        targets = os.path.join(SOURCE, "scenarios", "targets", "")
        files = [f for f in files if not f.startswith(targets)]
        self.assertTrue(files)
        result = chokepoint("validate", *files)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.count("ok: "), len(files))

    def test_bad_files_are_rejected_in_one_line_and_nothing_is_written(self):
        files = sorted(glob.glob(os.path.join(SOURCE, "tests/data/bad/*.yaml")))
        self.assertGreaterEqual(len(files), 20)
        with tempfile.TemporaryDirectory() as tmp:
            for path in files:
                with self.subTest(file=os.path.basename(path)):
                    expected = first_line_expectation(path)
                    result = chokepoint("validate", path)
                    self.assertEqual(result.returncode, 1, result.stdout)
                    lines = result.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, result.stderr)
                    self.assertIn(path, lines[0])
                    if expected:
                        self.assertIn(expected, lines[0])
                    run = chokepoint("run", path, "--out", os.path.join(tmp, "x.h5"))
                    self.assertEqual(run.returncode, 1)
                    self.assertEqual(os.listdir(tmp), [])

    def test_missing_file_is_an_error(self):
        result = chokepoint("validate", "/nonexistent/scenario.yaml")
        self.assertEqual(result.returncode, 1)
        self.assertIn("/nonexistent/scenario.yaml", result.stderr)


class Resolve(unittest.TestCase):
    """resolve prints what a run of the file would simulate: the chain merged, --set applied."""

    def test_an_extends_chain_is_printed_merged_with_its_defaults(self):
        import yaml
        path = os.path.join(SOURCE, "tests/data/extends/grandchild.yaml")
        result = chokepoint("resolve", path, "--set", "behaviour.markup_max=0.8")
        self.assertEqual(result.returncode, 0, result.stderr)
        scenario = yaml.safe_load(result.stdout)
        self.assertEqual(scenario["seed"], 3)                       # grandchild
        self.assertEqual(scenario["calendar"]["steps"], 36)         # child over base
        self.assertEqual(scenario["calendar"]["start"], "2022-01")  # base
        controls = {c["name"]: c for c in scenario["policies"]["export_controls"]}
        # first_controls removed by the grandchild, second_controls replaced by the child.
        self.assertEqual(sorted(controls), ["second_controls", "third_controls"])
        self.assertEqual(controls["second_controls"]["coverage"], 0.9)
        self.assertEqual(scenario["policies"]["secondary_sanctions"], [])
        self.assertEqual(scenario["behaviour"]["time_to_build"], 9)
        self.assertEqual(scenario["behaviour"]["target_utilisation"], 0.8)
        self.assertEqual(scenario["behaviour"]["markup_max"], 0.8)  # --set
        self.assertIn("wholesale_discount", scenario["behaviour"])   # a default, written out

    def test_it_prints_what_a_run_records(self):
        path = os.path.join(SOURCE, "tests/data/small_world.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "run.h5")
            run = chokepoint("run", path, "--out", out, "--quiet", "--set", "seed=5")
            self.assertEqual(run.returncode, 0, run.stderr)
            with h5py.File(out, "r") as f:
                recorded = f["scenario_yaml"][()].decode()
        resolved = chokepoint("resolve", path, "--set", "seed=5")
        self.assertEqual(resolved.returncode, 0, resolved.stderr)
        self.assertEqual(resolved.stdout.rstrip("\n"), recorded.rstrip("\n"))

    def test_a_bad_file_is_one_line_and_exit_1(self):
        path = os.path.join(SOURCE, "tests/data/extends/child_typo.yaml")
        result = chokepoint("resolve", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("child_typo.yaml", result.stderr)
        self.assertEqual(chokepoint("resolve").returncode, 2)


class HostileInput(unittest.TestCase):
    """Inputs that once exhausted memory, hung or crashed the program end in one line."""

    def small_world(self):
        return os.path.join(SOURCE, "tests/data/small_world.yaml")

    def test_devices_and_fifos_are_refused_at_once(self):
        with tempfile.TemporaryDirectory() as tmp:
            fifo = os.path.join(tmp, "scenario.yaml")
            os.mkfifo(fifo)
            child = os.path.join(tmp, "child.yaml")
            with open(child, "w") as f:
                f.write("extends: /dev/zero\nname: x\n")
            for path, kind in ((fifo, "a FIFO"), ("/dev/urandom", "a character device"),
                               (child, "a character device")):
                with self.subTest(path=path):
                    result = subprocess.run([BINARY, "validate", path], capture_output=True,
                                            text=True, timeout=20)
                    self.assertEqual(result.returncode, 1, result.stderr)
                    self.assertIn(kind, result.stdout + result.stderr)
                    self.assertEqual(len((result.stdout + result.stderr).strip().splitlines()), 1)

    def test_max_input_size_limits_every_command(self):
        result = chokepoint("validate", self.small_world(), "--max-input-size", "1 KiB")
        self.assertEqual(result.returncode, 1)
        self.assertIn("more than the limit of 1024 (--max-input-size changes it)",
                      result.stdout + result.stderr)
        result = chokepoint("validate", self.small_world(), "--max-input-size=1 MiB")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        result = chokepoint("validate", self.small_world(), "--max-input-size", "12")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--max-input-size expects a size with a unit", result.stderr)

    def mounted_tmpfs(self, options):
        """A small tmpfs for the test, or a skip where this process may not mount (not root)."""
        folder = tempfile.mkdtemp()
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder],
                               capture_output=True, text=True)
        if mount.returncode != 0:
            os.rmdir(folder)
            self.skipTest("cannot mount a tmpfs here: " + mount.stderr.strip())

        def unmount():
            subprocess.run(["umount", folder], capture_output=True)
            os.rmdir(folder)
        self.addCleanup(unmount)
        return folder

    def test_a_full_disk_is_one_line_exit_1_and_leaves_nothing(self):
        full = self.mounted_tmpfs("size=64k")
        out = os.path.join(full, "new", "folder", "run.h5")
        result = chokepoint("run", self.small_world(), "--out", out, "--quiet")
        self.assertEqual(result.returncode, 1, result.stderr)  # once SIGSEGV (139)
        self.assertRegex(result.stderr, r"^chokepoint run: error: cannot write run file '.*run\.h5': "
                                        r".*No space left on device \(errno 28\)\n$")
        self.assertEqual(os.listdir(full), [])  # no half file, no empty folders

    def test_a_read_only_mount_is_refused_before_the_run(self):
        read_only = self.mounted_tmpfs("size=64k,ro")
        result = chokepoint("run", self.small_world(), "--out", os.path.join(read_only, "x.h5"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("Read-only file system", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)


class MaxMemory(unittest.TestCase):
    """--max-memory: a scenario over the limit is refused before anything is built."""

    def scenario(self):
        return os.path.join(SOURCE, "tests/data/small_world.yaml")

    def test_over_the_limit_exits_1_with_one_line_and_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            for command in (["run", "--out", os.path.join(tmp, "x.h5")], ["validate"]):
                with self.subTest(command=command[0]):
                    result = chokepoint(command[0], self.scenario(), *command[1:],
                                        "--max-memory", "64 KiB")
                    self.assertEqual(result.returncode, 1, result.stdout)
                    lines = result.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, result.stderr)
                    self.assertRegex(lines[0], r"small_world\.yaml:\d+:\d+: [a-z_.\[\]0-9]+: "
                                     r"this world needs about .* but the memory limit is "
                                     r"64\.0 KiB \(--max-memory\); ")
                    self.assertEqual(os.listdir(tmp), [])

    def test_under_the_limit_it_runs_and_the_limit_is_not_recorded(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "run.h5")
            result = chokepoint("run", self.scenario(), "--out", out, "--quiet",
                                "--max-memory=1GiB")
            self.assertEqual(result.returncode, 0, result.stderr)
            with h5py.File(out, "r") as f:
                recorded = f["scenario_yaml"][()]
                recorded = recorded.decode() if isinstance(recorded, bytes) else str(recorded)
            self.assertNotRegex(recorded, r"(?m)^limits:")
            self.assertNotIn("memory", recorded)

    def test_a_size_without_unit_is_a_usage_error(self):
        for command in ("run", "validate"):
            result = chokepoint(command, self.scenario(), "--max-memory", "8")
            self.assertEqual(result.returncode, 2, command)
            self.assertIn('--max-memory expects a size with a unit', result.stderr)
            self.assertIn('"8 MiB"', result.stderr)

    def test_validate_prints_the_estimate_and_the_limit(self):
        result = chokepoint("validate", self.scenario(), "--max-memory", "2 GiB")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"a run needs about [0-9.]+ KiB \(.*\); "
                                        r"limit 2\.0 GiB \(--max-memory\)")
        result = chokepoint("validate", self.scenario())
        # The smallest system limit: physical memory here, a cgroup's in some containers.
        self.assertRegex(result.stdout, r"limit [0-9.]+ [KMGT]iB \((this machine's physical "
                                        r"memory|the cgroup's memory limit, .*)\)")

    def test_the_address_space_limit_binds_when_it_is_smallest(self):
        # As a Slurm job or a shell with ulimit -v would run it: the limit in force, not the
        # machine's memory, decides.
        if os.environ.get("CHOKEPOINT_UNDER_ASAN"):
            self.skipTest("AddressSanitizer cannot start under an address-space limit")
        import resource

        def limit_address_space():
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

        result = subprocess.run([BINARY, "validate", self.scenario(), "--max-memory", "8 GiB"],
                                capture_output=True, text=True, preexec_fn=limit_address_space)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("(what is left of the address-space limit, ulimit -v)", result.stdout)


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
