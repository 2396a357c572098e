"""The run file opens in standard tools: xarray (through h5netcdf) sees named dimensions,
label coordinates and decoded dates, and label-based selection gives the values h5py reads.

Usage: python3 test_xarray.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np
import xarray as xr

BINARY = ""
SOURCE = ""


class OpensInXarray(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="xarray_test_")
        cls.path = os.path.join(cls.dir, "small.h5")
        subprocess.run([BINARY, "run", os.path.join(SOURCE, "tests", "data", "small_world.yaml"),
                        "--out", cls.path], check=True, capture_output=True, timeout=300)
        cls.ds = xr.open_dataset(cls.path, engine="h5netcdf")
        cls.h5 = h5py.File(cls.path, "r")

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()
        cls.h5.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_named_dimensions_with_labels(self):
        self.assertEqual(self.ds["imports"].dims, ("time", "sector", "state", "route"))
        self.assertEqual(self.ds["hub_volume"].dims, ("time", "hub"))
        self.assertEqual(list(self.ds["state"].values), ["RU", "US", "EU", "CN", "HK", "KZ"])
        self.assertEqual(list(self.ds["sector"].values), ["chips", "consumer"])
        self.assertEqual(list(self.ds["route"].values), ["direct", "intermediary", "domestic"])
        self.assertEqual(list(self.ds["hub"].values), list(self.h5["hub"].asstr()[...]))
        self.assertEqual(self.ds["imports"].attrs["units"], "units/month")

    def test_time_is_decoded_to_dates(self):
        self.assertEqual(self.ds["time"].dtype, np.dtype("datetime64[ns]"))
        self.assertEqual(str(self.ds["time"].values[0])[:10], "2021-01-01")
        self.assertEqual(str(self.ds["time"].values[-1])[:10], "2022-12-01")
        self.assertEqual(list(self.ds["time_label"].values), list(self.h5["time_label"].asstr()[...]))

    def test_select_by_label_equals_h5py(self):
        states = list(self.h5["state"].asstr()[...])
        sectors = list(self.h5["sector"].asstr()[...])
        routes = list(self.h5["route"].asstr()[...])
        raw = self.h5["imports"][...]
        for state in ("CN", "US", "RU"):
            for route in ("direct", "intermediary", "domestic"):
                picked = self.ds["imports"].sel(state=state, sector="chips", route=route).values
                expected = raw[:, sectors.index("chips"), states.index(state), routes.index(route)]
                np.testing.assert_array_equal(picked, expected)
        self.assertGreater(self.ds["imports"].sel(state="CN", sector="chips").sum(), 0)

    def test_select_by_time(self):
        labels = list(self.h5["time_label"].asstr()[...])
        sector = list(self.h5["sector"].asstr()[...]).index("chips")
        state = list(self.h5["state"].asstr()[...]).index("HK")
        at = self.ds["imports_by_shipper"].sel(time="2022-03-01", state="HK", sector="chips")
        self.assertEqual(float(at), self.h5["imports_by_shipper"][labels.index("2022-03"), sector,
                                                                  state])
        year = self.ds["focus_share"].sel(time=slice("2022-01-01", "2022-12-01")).values
        np.testing.assert_array_equal(year, self.h5["focus_share"][labels.index("2022-01"):])
        hubs = list(self.h5["hub"].asstr()[...])
        kz = self.ds["hub_volume"].sel(hub="KZ", time="2021-12-01")
        self.assertEqual(float(kz), self.h5["hub_volume"][labels.index("2021-12"), hubs.index("KZ")])


if __name__ == "__main__":
    BINARY, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
