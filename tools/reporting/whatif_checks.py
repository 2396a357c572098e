"""Checks that the what-if files still say what their comments claim, against the flagship.

Two what-ifs cannot be written as pure additions to the flagship and so can drift when the
flagship is recalibrated:
- doubled_subsidies.yaml replaces tech_sovereignty as a whole (a policy entry is replaced,
  not merged), so its budget and rates must be kept at twice the flagship's;
- all_together.yaml repeats the other files' entries because `extends` takes one file.
Both are checked before anything runs (the flagship and the doubled-subsidies file as
`chokepoint resolve` prints them, the combination on its own text), so a stale file stops the
pipeline with a message saying what to change rather than producing a misleading write-up.
"""
import os

import yaml

from runs import ReportError, run_command

DOUBLED_FILE = "doubled_subsidies.yaml"
DOUBLED_POLICY = ("import_substitution_subsidies", "tech_sovereignty")
DOUBLED_KEYS = ("annual_budget", "production_rate", "investment_rate")
COMBINED_FILE = "all_together.yaml"


def _policies(path):
    with open(path) as f:
        document = yaml.safe_load(f) or {}
    return document.get("policies") or {}


def _resolved_policies(binary, path):
    """The policies of `path` as a run reads them: `chokepoint resolve` merges its `extends`
    chain (the flagship is itself an extends file, the calibration's output)."""
    return (yaml.safe_load(run_command([binary, "resolve", path])) or {}).get("policies") or {}


def _entry(policies, kind, name, path):
    for entry in policies.get(kind) or []:
        if entry.get("name") == name:
            return entry
    raise ReportError(f"{path}: no policies.{kind} entry named {name!r}")


def check_doubled(binary, flagship, whatif_dir):
    path = os.path.join(whatif_dir, DOUBLED_FILE)
    if not os.path.exists(path):
        return
    kind, name = DOUBLED_POLICY
    base = _entry(_resolved_policies(binary, flagship), kind, name, flagship)
    # Both as resolved, so that keys left to their defaults compare equal.
    doubled = _entry(_resolved_policies(binary, path), kind, name, path)
    for key in sorted(set(base) | set(doubled)):
        if key in DOUBLED_KEYS:
            # A resolved budget is written as an integer, a rate as a float: compare numbers.
            expected = 2 * float(base.get(key, 0))
            ok = abs(float(doubled.get(key, 0)) - expected) <= 1e-12 * abs(expected)
        else:
            expected = base.get(key)
            ok = doubled.get(key) == expected
        if not ok:
            raise ReportError(
                f"{path}: policies.{kind}[{name}].{key} is {doubled.get(key)!r} but the "
                f"flagship {flagship} has {base.get(key)!r}, so it should be {expected!r} "
                f"({'twice the flagship' if key in DOUBLED_KEYS else 'as in the flagship'})")


def check_combined(whatif_dir):
    combined_path = os.path.join(whatif_dir, COMBINED_FILE)
    if not os.path.exists(combined_path):
        return
    expected = {}
    for name in sorted(os.listdir(whatif_dir)):
        if name.endswith(".yaml") and name != COMBINED_FILE:
            for kind, entries in _policies(os.path.join(whatif_dir, name)).items():
                for entry in entries:
                    expected[(kind, entry["name"])] = (entry, name)
    found = {(kind, entry["name"]): entry
             for kind, entries in _policies(combined_path).items() for entry in entries}
    for key, (entry, source) in expected.items():
        if found.get(key) != entry:
            raise ReportError(f"{combined_path}: policies.{key[0]}[{key[1]}] must repeat the "
                              f"entry of {source} verbatim (extends takes one file)")
    for key in set(found) - set(expected):
        raise ReportError(f"{combined_path}: policies.{key[0]}[{key[1]}] is in no single "
                          "what-if file; the combination should add nothing of its own")
