#!/usr/bin/env python3
"""Checks a Chokepoint run file the way its users will read it: with h5py, and with xarray
(engine="h5netcdf") when both are installed. Not yet a CTest test; run it by hand:

    CHOKEPOINT_SAMPLE_RUN_FILE=/tmp/run.h5 build/tests/chokepoint_tests "[sample]"
    /usr/bin/python3 tests/output/check_run_file.py /tmp/run.h5

Exits with status 1 and a list of problems if the file breaks a promise of docs/OUTPUT_FORMAT.md.
"""

import sys

import h5py
import numpy as np

ROOT_ATTRIBUTES = [
    "filetype", "format_version", "Conventions", "engine_version", "git_revision",
    "scenario_name", "scenario_file", "seed", "threads", "processes", "started_utc",
    "finished_utc", "wall_seconds", "calendar_start", "months_per_step", "steps",
]


def check_h5py(path, problems):
    """Returns {series name: dims} for the xarray check."""
    series = {}
    with h5py.File(path, "r") as f:
        for name in ROOT_ATTRIBUTES:
            if name not in f.attrs:
                problems.append(f"root attribute {name!r} missing")
        if f.attrs.get("filetype") != "chokepoint-run":
            problems.append(f"filetype is {f.attrs.get('filetype')!r}")
        if list(f.attrs.get("format_version", [])) != [1, 0]:
            problems.append(f"format_version is {f.attrs.get('format_version')!r}")
        if "scenario_yaml" not in f or f["scenario_yaml"].shape != ():
            problems.append("no scalar dataset 'scenario_yaml'")
        for name, dataset in f.items():
            if not isinstance(dataset, h5py.Dataset):
                problems.append(f"{name!r} is not a dataset")
                continue
            is_axis = dataset.attrs.get("CLASS") == b"DIMENSION_SCALE"
            if is_axis or dataset.dtype.kind == "O" or name == "scenario_yaml":
                continue
            dims = [str(d) for d in dataset.attrs.get("dims", [])]
            series[name] = dims
            for attribute in ("units", "long_name", "dims"):
                if attribute not in dataset.attrs:
                    problems.append(f"series {name!r} has no {attribute!r} attribute")
            if len(dims) != dataset.ndim:
                problems.append(f"series {name!r}: dims {dims} for rank {dataset.ndim}")
                continue
            for i, dim in enumerate(dims):
                attached = [scale.name.lstrip("/") for scale in dataset.dims[i].values()]
                if attached != [dim]:
                    problems.append(f"series {name!r} dimension {i}: scales {attached}, not {dim!r}")
                if dataset.shape[i] != f[dim].shape[0]:
                    problems.append(f"series {name!r} dimension {i}: extent differs from {dim!r}")
            if dataset.dtype not in (np.float64, np.int64):
                problems.append(f"series {name!r} is {dataset.dtype}")
    return series


def check_xarray(path, series, problems):
    try:
        import xarray
    except ImportError:
        print("xarray not installed: skipped the xarray check")
        return
    try:
        ds = xarray.open_dataset(path, engine="h5netcdf")
    except Exception as error:  # any failure to open is the finding
        problems.append(f"xarray cannot open the file: {error}")
        return
    with ds:
        for name, dims in series.items():
            if list(ds[name].dims) != dims:
                problems.append(f"xarray sees {name!r} over {ds[name].dims}, not {dims}")
            for dim in dims:
                if dim not in ds.coords:
                    problems.append(f"xarray has no coordinate {dim!r}")
        if "time" in ds.coords and ds["time"].dtype.kind != "M":
            problems.append("xarray did not decode 'time' as dates")
        print(ds)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_run_file.py RUN_FILE.h5")
    problems = []
    series = check_h5py(sys.argv[1], problems)
    check_xarray(sys.argv[1], series, problems)
    if problems:
        print("\n".join(["problems:"] + problems))
        sys.exit(1)
    print(f"ok: {len(series)} series")


if __name__ == "__main__":
    main()
