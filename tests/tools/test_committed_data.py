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

from mali_regions import CANONICAL_ADMIN1, fold  # noqa: E402


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
        for path in glob.glob(os.path.join(DATA, "observed", "**", "*.csv"), recursive=True):
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

    def test_every_data_file_is_checksummed(self):
        with open(os.path.join(DATA, "SHA256SUMS"), encoding="utf-8") as handle:
            listed = {line.split(None, 1)[1].strip() for line in handle if line.strip()}
        present = set()
        for folder, _, files in os.walk(DATA):
            for name in files:
                rel = os.path.relpath(os.path.join(folder, name), DATA).replace(os.sep, "/")
                if rel not in ("README.md", "SHA256SUMS", ".gitattributes"):
                    present.add(rel)
        self.assertEqual(present - listed, set(), "data files missing from SHA256SUMS")
        self.assertEqual(listed - present, set(), "SHA256SUMS lists files that do not exist")

    def test_copies_match_shared_where_a_copy_exists(self):
        # "Copies are verbatim": a file that also exists at the same path in ../shared/data must be
        # byte-identical to it. Derived files have no counterpart there.
        shared = os.path.join(ROOT, "..", "shared", "data")
        if not os.path.isdir(shared):
            self.skipTest("../shared/data not present")
        with open(os.path.join(DATA, "SHA256SUMS"), encoding="utf-8") as handle:
            names = [line.split(None, 1)[1].strip() for line in handle if line.strip()]
        compared = 0
        for name in names:
            other = os.path.join(shared, name)
            if os.path.isfile(other):
                with open(os.path.join(DATA, name), "rb") as mine, open(other, "rb") as theirs:
                    self.assertEqual(mine.read(), theirs.read(), name)
                compared += 1
        self.assertGreater(compared, 0)

    def test_flee_licence_travels_with_flee_files(self):
        self.assertTrue(os.path.isfile(os.path.join(
            DATA, "displacement", "flee_mali2012", "LICENSE_FabFlee_BSD-3-Clause.txt")))


SAHEL_ADM1 = os.path.join(DATA, "geography", "sahel", "sahel_adm1_regions.geojson")
SAHEL_ADM2 = os.path.join(DATA, "geography", "sahel", "sahel_adm2.geojson")
SAHEL_GAZETTEER = os.path.join(DATA, "geography", "sahel", "sahel_key_places_gazetteer.csv")
SAHEL_ACLED = os.path.join(DATA, "observed", "sahel", "acled_bfa_ner_aggregates_by_admin1_month_2010-2016.csv")
SAHEL_POPULATION = os.path.join(DATA, "population", "sahel_admin1_population_census.csv")
SAHEL_ALIASES = os.path.join(DATA, "regions", "sahel_admin1_aliases.csv")
COUNTRY_NAMES = {"MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger"}


def _features(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["features"]


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ring_contains(ring, x, y):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _geometry_contains(geometry, x, y):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return any(_ring_contains(p[0], x, y) and not any(_ring_contains(h, x, y) for h in p[1:])
               for p in polygons)


class SahelData(unittest.TestCase):
    """The derived Sahel files (data/README.md, Burkina Faso and Niger section) agree with each other."""

    @classmethod
    def setUpClass(cls):
        cls.adm1 = _features(SAHEL_ADM1)
        cls.keys = {(f["properties"]["country"], f["properties"]["adm1"]) for f in cls.adm1}

    def test_admin1_shape(self):
        counts = {}
        for f in self.adm1:
            p = f["properties"]
            self.assertEqual(set(p), {"adm1", "adm1_pcode", "country", "country_name"})
            self.assertEqual(p["country_name"], COUNTRY_NAMES[p["country"]])
            self.assertIn(f["geometry"]["type"], ("Polygon", "MultiPolygon"))
            counts[p["country"]] = counts.get(p["country"], 0) + 1
        self.assertEqual(counts, {"MLI": 9, "BFA": 13, "NER": 8})
        self.assertEqual(len({f["properties"]["adm1_pcode"] for f in self.adm1}), len(self.adm1))
        self.assertEqual(len({f["properties"]["adm1"] for f in self.adm1}), len(self.adm1))

    def test_mali_part_is_the_ocha_regions_file(self):
        mali = {f["properties"]["adm1"]: f for f in _features(
            os.path.join(DATA, "geography", "mali_adm1_regions_dissolved_from_ocha_cercles.geojson"))}
        mine = {f["properties"]["adm1"]: f for f in self.adm1 if f["properties"]["country"] == "MLI"}
        self.assertEqual(set(mine), set(CANONICAL_ADMIN1))
        for name, f in mine.items():
            self.assertEqual(f["properties"]["adm1_pcode"], mali[name]["properties"]["adm1_pcode"])
            self.assertEqual(f["geometry"], mali[name]["geometry"], name)

    def test_every_acled_admin1_is_an_adm1(self):
        by_name = {v: k for k, v in COUNTRY_NAMES.items()}
        acled = {(by_name[r["country"]], r["admin1"]) for r in _rows(SAHEL_ACLED)}
        self.assertEqual(acled - self.keys, set())
        # and every Burkina Faso / Niger region has ACLED rows under exactly that spelling
        self.assertEqual({k for k in self.keys if k[0] != "MLI"} - acled, set())

    def test_admin2_agrees_with_admin1(self):
        counts = {}
        features = _features(SAHEL_ADM2)
        for f in features:
            p = f["properties"]
            self.assertEqual(set(p), {"adm2", "adm2_pcode", "adm1", "country"})
            self.assertIn((p["country"], p["adm1"]), self.keys)
            counts[p["country"]] = counts.get(p["country"], 0) + 1
        self.assertEqual(counts, {"MLI": 50, "BFA": 45, "NER": 67})
        self.assertEqual(len({f["properties"]["adm2_pcode"] for f in features}), len(features))
        pcode = {k: f["properties"]["adm1_pcode"] for f in self.adm1
                 for k in [(f["properties"]["country"], f["properties"]["adm1"])]}
        for f in features:
            p = f["properties"]
            self.assertTrue(p["adm2_pcode"].startswith(pcode[(p["country"], p["adm1"])]), p)

    def test_gazetteer_points_lie_in_their_adm1(self):
        rows = _rows(SAHEL_GAZETTEER)
        self.assertEqual(list(rows[0]), ["place", "country", "adm1", "lat", "lon", "kind", "population",
                                         "coord_source", "note"])
        polygons = {(f["properties"]["country"], f["properties"]["adm1"]): f["geometry"] for f in self.adm1}
        for r in rows:
            self.assertIn((r["country"], r["adm1"]), self.keys, r["place"])
            self.assertIn(r["kind"], ("town", "camp"))
            if r["population"]:
                self.assertGreater(int(r["population"]), 0)
            if not r["lat"]:
                # only documented places without any public coordinate
                self.assertEqual((r["lon"], r["coord_source"]), ("", "none"), r["place"])
                continue
            x, y = float(r["lon"]), float(r["lat"])
            inside = [k for k, g in polygons.items() if _geometry_contains(g, x, y)]
            self.assertEqual(inside, [(r["country"], r["adm1"])], r["place"])
        places = {r["place"] for r in rows}
        for name in ("Djibo", "Arbinda", "Dori", "Gorom-Gorom", "Sebba", "Ouahigouya", "Kaya", "Kongoussi",
                     "Fada N'Gourma", "Diapaga", "Ouagadougou", "Bobo-Dioulasso", "Tillabéri", "Ayorou",
                     "Ouallam", "Banibangou", "Abala", "Filingué", "Téra", "Tahoua", "Tillia", "Tassara",
                     "Niamey", "Agadez", "Maradi", "Zinder", "Dosso", "Diffa", "Mentao camp", "Goudoubo camp",
                     "Tabareybarey camp", "Mangaizé camp", "Abala camp", "Intikane camp"):
            self.assertIn(name, places)

    def test_population_regions_sum_to_the_census_totals(self):
        rows = _rows(SAHEL_POPULATION)
        self.assertEqual(list(rows[0]), ["country", "adm1", "population", "census", "date", "source"])
        for country, total in (("BFA", 14017262), ("NER", 17138707)):
            mine = [r for r in rows if r["country"] == country]
            self.assertEqual({r["adm1"] for r in mine}, {k[1] for k in self.keys if k[0] == country})
            self.assertEqual(len(mine), len({r["adm1"] for r in mine}))
            self.assertEqual(sum(int(r["population"]) for r in mine), total)  # data/README.md
            for r in mine:
                self.assertTrue(r["source"].startswith("http"), r)

    def test_aliases_resolve_to_adm1_without_collisions(self):
        rows = _rows(SAHEL_ALIASES)
        self.assertEqual(list(rows[0]), ["alias", "region", "source"])
        regions = {k[1] for k in self.keys if k[0] != "MLI"}
        folded = {}
        for r in rows:
            self.assertIn(r["region"], regions, r["alias"])
            self.assertEqual(folded.setdefault(fold(r["alias"]), r["region"]), r["region"], r["alias"])
        self.assertEqual(regions - {r["region"] for r in rows}, set())
        for r in _rows(os.path.join(DATA, "regions", "mali_admin1_aliases.csv")):
            self.assertEqual(folded.setdefault(fold(r["alias"]), r["region"]), r["region"], r["alias"])
        for r in _rows(SAHEL_ACLED):
            self.assertIn(fold(r["admin1"]), folded)


if __name__ == "__main__":
    unittest.main()
