"""Checks that the what-if files still say what their comments claim, against the flagship.

Two what-ifs cannot be written as pure additions to the flagship and so can drift when the
flagship is recalibrated:
- doubled_subsidies.yaml replaces tech_sovereignty as a whole (a policy entry is replaced,
  not merged), so its budget and rates must be kept at twice the flagship's;
- all_together.yaml repeats the other files' entries because `extends` takes one file.
Both are checked on the YAML text, before anything runs, so a stale file stops the pipeline
with a message saying what to change rather than producing a misleading write-up.
"""
import os

import yaml

from runs import ReportError

DOUBLED_FILE = "doubled_subsidies.yaml"
DOUBLED_POLICY = ("import_substitution_subsidies", "tech_sovereignty")
DOUBLED_KEYS = ("annual_budget", "production_rate", "investment_rate")
COMBINED_FILE = "all_together.yaml"


def _policies(path):
    with open(path) as f:
        document = yaml.safe_load(f) or {}
    return document.get("policies") or {}


def _resolved_policies(path):
    """The policies of `path` after its `extends` chain, merged as the engine merges them
    (docs/SCENARIO_FORMAT.md, "Extending a scenario"): an entry with a base entry's name
    replaces it as a whole, `remove: true` drops it, others are appended. The flagship is
    itself an extends file (the calibration's output)."""
    with open(path) as f:
        document = yaml.safe_load(f) or {}
    base = {}
    if document.get("extends"):
        base = _resolved_policies(os.path.join(os.path.dirname(path), document["extends"]))
    for kind, entries in (document.get("policies") or {}).items():
        merged = [dict(entry) for entry in base.get(kind) or []]
        for entry in entries or []:
            found = next((m for m in merged if m.get("name") == entry.get("name")), None)
            if entry.get("remove"):
                merged = [m for m in merged if m is not found]
            elif found is not None:
                merged[merged.index(found)] = dict(entry)
            else:
                merged.append(dict(entry))
        base[kind] = merged
    return base


def _entry(policies, kind, name, path):
    for entry in policies.get(kind) or []:
        if entry.get("name") == name:
            return entry
    raise ReportError(f"{path}: no policies.{kind} entry named {name!r}")


def check_doubled(flagship, whatif_dir):
    path = os.path.join(whatif_dir, DOUBLED_FILE)
    if not os.path.exists(path):
        return
    kind, name = DOUBLED_POLICY
    base = _entry(_resolved_policies(flagship), kind, name, flagship)
    doubled = _entry(_policies(path), kind, name, path)
    for key in sorted(set(base) | set(doubled)):
        if key in DOUBLED_KEYS:
            # PyYAML reads 2.2e9 (no dot before the exponent) as text: compare numbers.
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
