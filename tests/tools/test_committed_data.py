"""Guards on the committed data/ folder: the rules in data/README.md, checked.

Run from the repository root:  python3 -m unittest discover -s tests/tools -v
"""

import csv
import glob
import hashlib
import json
import os
import re
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data")
AGGREGATES = os.path.join(DATA, "observed", "acled_mali_aggregates_by_admin1_month_1997-2016.csv")
sys.path.insert(0, os.path.join(ROOT, "tools", "data"))

from mali_regions import CANONICAL_ADMIN1  # noqa: E402


class RegionNames(unittest.TestCase):
    def test_canonical_names_are_the_ocha_names(self):
        # The aggregates are joined to the boundary files by name, so they must agree exactly.
        path = os.path.join(DATA, "geography", "mali_adm1_regions_dissolved_from_ocha_cercles.geojson")
        with open(path, encoding="utf-8") as handle:
            names = {f["properties"]["adm1"] for f in json.load(handle)["features"]}
        self.assertEqual(names, set(CANONICAL_ADMIN1))


class AcledAggregates(unittest.TestCase):
    def setUp(self):
        with open(AGGREGATES, encoding="utf-8", newline="") as handle:
            self.rows = list(csv.DictReader(handle))

    def test_shape_and_order(self):
        with open(AGGREGATES, encoding="utf-8") as handle:
            self.assertEqual(handle.readline().rstrip("\n"), "month,admin1,event_type,events,fatalities")
        keys = [(r["month"], r["admin1"], r["event_type"]) for r in self.rows]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(keys), len(set(keys)))
        for month, admin1, _ in keys:
            self.assertRegex(month, r"^\d{4}-(0[1-9]|1[0-2])$")
            self.assertIn(admin1, CANONICAL_ADMIN1)

    def test_observations_stop_at_2016(self):
        self.assertLessEqual(max(r["month"] for r in self.rows), "2016-12")

    def test_totals_match_the_documented_source_totals(self):
        # data/README.md: 1,232 events and 3,111 fatalities in the source export.
        self.assertEqual(sum(int(r["events"]) for r in self.rows), 1232)
        self.assertEqual(sum(int(r["fatalities"]) for r in self.rows), 3111)


class Rules(unittest.TestCase):
    def test_no_event_level_acled_in_data(self):
        # ACLED's terms: aggregates only. An event export has an event_id_cnty column.
        for path in glob.glob(os.path.join(DATA, "**", "*.csv"), recursive=True):
            with open(path, encoding="utf-8", errors="replace") as handle:
                header = handle.readline().lower()
            self.assertNotIn("event_id_cnty", header, path)

    def test_fixture_is_tiny(self):
        for path in glob.glob(os.path.join(ROOT, "tests", "fixtures", "acled", "*.csv")):
            with open(path, encoding="utf-8", newline="") as handle:
                self.assertLessEqual(sum(1 for _ in csv.reader(handle)) - 1, 20, path)

    def test_no_observed_dates_after_2016(self):
        # Observed series are cut at 2016-12-31 so 2017-2020 stays unseen (MODEL.md section 6).
        dated = ("year", "month", "incident_date", "event_date")
        for path in glob.glob(os.path.join(DATA, "observed", "*.csv")):
            with open(path, encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                columns = [c for c in reader.fieldnames if c in dated]
                self.assertTrue(columns, path)
                for row in reader:
                    for column in columns:
                        self.assertLessEqual(int(row[column][:4]), 2016, f"{path}:{reader.line_num}")
        iso_date = re.compile(r"\b(\d{4})-\d\d-\d\d\b")
        for path in glob.glob(os.path.join(DATA, "displacement", "**", "*.*"), recursive=True):
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    for year in iso_date.findall(line):
                        self.assertLessEqual(int(year), 2016, f"{path}:{number}")

    def test_checksums(self):
        with open(os.path.join(DATA, "SHA256SUMS"), encoding="utf-8") as handle:
            entries = [line.split(None, 1) for line in handle if line.strip()]
        for digest, name in entries:
            with open(os.path.join(DATA, name.strip()), "rb") as data:
                self.assertEqual(hashlib.sha256(data.read()).hexdigest(), digest, name)

    def test_flee_licence_travels_with_flee_files(self):
        self.assertTrue(os.path.isfile(os.path.join(
            DATA, "displacement", "flee_mali2012", "LICENSE_FabFlee_BSD-3-Clause.txt")))


if __name__ == "__main__":
    unittest.main()
