"""Tests for tools/data/acled_aggregate.py on the 19-event ACLED fixture.

Run from the repository root:  python3 -m unittest discover -s tests/tools -v

The fixture rows are verbatim ACLED rows (classic export, ASCII only). Variants
(new column set, other date style, accents, duplicates, broken cells) are
derived from them in temporary files, so the repository holds no more
event-level ACLED data than the fixture itself.
"""

import contextlib
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "tools", "data", "acled_aggregate.py")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "acled", "acled_mali_fixture_19_events.csv")
sys.path.insert(0, os.path.join(ROOT, "tools", "data"))

import acled_aggregate  # noqa: E402
from mali_regions import harmonize_admin1  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# The column set ACLED exports since its 2019 methodology change, in its order.
NEW_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
CLASSIC_COLUMNS = [
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
    "interaction", "admin1", "admin2", "location", "latitude", "longitude", "fatalities",
]


def fixture_rows():
    with open(FIXTURE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def long_date(iso):
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


class Case(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, rows, columns):
        path = self.path(name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore", restval="")
            writer.writeheader()
            writer.writerows(rows)
        return path

    def run_main(self, *args):
        """Run the tool in-process; return (exit status, output rows as dicts, stderr)."""
        out = self.path("out.csv")
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = acled_aggregate.main([*args, "--out", out])
        rows = []
        if status == 0:
            with open(out, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        return status, rows, err.getvalue()

    def run_cli(self, *args):
        return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)

    @staticmethod
    def totals(rows):
        return (sum(int(r["events"]) for r in rows), sum(int(r["fatalities"]) for r in rows))


class TotalsAndFormat(Case):
    def test_totals_equal_fixture_totals(self):
        raw = fixture_rows()
        status, rows, _ = self.run_main(FIXTURE)
        self.assertEqual(status, 0)
        self.assertEqual(self.totals(rows),
                         (len(raw), sum(int(r["fatalities"]) for r in raw)))
        self.assertEqual(self.totals(rows), (19, 41))

    def test_header_sorting_and_month_format(self):
        status, rows, _ = self.run_main(FIXTURE)
        self.assertEqual(status, 0)
        with open(self.path("out.csv"), encoding="utf-8") as handle:
            self.assertEqual(handle.readline().strip(), "month,admin1,event_type,events,fatalities")
        keys = [(r["month"], r["admin1"], r["event_type"]) for r in rows]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(len(keys), len(set(keys)))
        for month, _, _ in keys:
            self.assertRegex(month, r"^\d{4}-(0[1-9]|1[0-2])$")

    def test_menaka_counts_under_gao(self):
        _, rows, _ = self.run_main(FIXTURE)
        by_key = {(r["month"], r["admin1"], r["event_type"]): r for r in rows}
        # MLI1314 (Gao cercle) + MLI1893, MLI1894 (Menaka cercle)
        self.assertEqual(by_key[("2016-12", "Gao", "Violence against civilians")]["events"], "3")
        self.assertEqual(by_key[("2016-02", "Gao", "Battles")]["fatalities"], "11")
        self.assertNotIn("Menaka", {r["admin1"] for r in rows})

    def test_stdout_when_no_out(self):
        result = self.run_cli(FIXTURE)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("month,admin1,event_type,events,fatalities\n"))
        self.assertIn("19 events, 41 fatalities", result.stderr)


class Deduplication(Case):
    def test_duplicate_ids_are_dropped_newest_timestamp_wins(self):
        raw = fixture_rows()
        columns = list(raw[0].keys())
        exact = dict(next(r for r in raw if r["event_id_cnty"] == "MLI449"))
        revised = dict(next(r for r in raw if r["event_id_cnty"] == "MLI1161"))
        revised["fatalities"] = "13"                      # 11 -> 13 in a later edit
        revised["timestamp"] = str(int(revised["timestamp"]) + 1)
        stale = dict(next(r for r in raw if r["event_id_cnty"] == "MLI554"))
        stale["fatalities"] = "99"                        # older edit must lose
        stale["timestamp"] = str(int(stale["timestamp"]) - 1)
        path = self.write("dups.csv", raw + [exact, revised, stale], columns)
        status, rows, err = self.run_main(path)
        self.assertEqual(status, 0)
        self.assertEqual(self.totals(rows), (19, 41 + 2))
        self.assertIn("3 duplicate ids dropped", err)

    def test_tie_keeps_first_copy(self):
        raw = fixture_rows()
        copy = dict(raw[0])
        copy["fatalities"] = "7"                          # same timestamp: first copy wins
        path = self.write("tie.csv", raw + [copy], list(raw[0].keys()))
        _, rows, _ = self.run_main(path)
        self.assertEqual(self.totals(rows), (19, 41))


class Formats(Case):
    def reference(self):
        status, rows, _ = self.run_main(FIXTURE)
        self.assertEqual(status, 0)
        return rows

    def test_long_date_format_gives_same_output(self):
        raw = fixture_rows()
        for row in raw:
            row["event_date"] = long_date(row["event_date"])
        path = self.write("long.csv", raw, list(raw[0].keys()))
        self.assertEqual(self.run_main(path)[1], self.reference())

    def test_mixed_and_abbreviated_dates(self):
        raw = fixture_rows()
        for i, row in enumerate(raw):
            if i % 2:
                day, month, year = long_date(row["event_date"]).split()
                row["event_date"] = f"{day.zfill(2)} {month[:3].lower()} {year}"
        path = self.write("mixed.csv", raw, list(raw[0].keys()))
        self.assertEqual(self.run_main(path)[1], self.reference())

    def test_new_column_set_with_new_region_names(self):
        raw = fixture_rows()
        for row in raw:
            row["event_date"] = long_date(row["event_date"])
            if row["admin2"] == "Menaka":
                row["admin1"] = "Menaka"          # ACLED's post-2016 region
            if row["admin1"] == "Tombouctou":
                row["admin1"] = "Timbuktu"
            row["disorder_type"] = "Political violence"
        path = self.write("new.csv", raw, NEW_COLUMNS)
        self.assertEqual(self.run_main(path)[1], self.reference())

    def test_classic_minimal_column_set_upper_case(self):
        raw = [{k.upper(): v for k, v in row.items()} for row in fixture_rows()]
        path = self.write("classic.csv", raw, [c.upper() for c in CLASSIC_COLUMNS])
        self.assertEqual(self.run_main(path)[1], self.reference())

    def test_accents_mojibake_and_bom(self):
        raw = fixture_rows()
        spellings = {"Segou": "Ségou", "Tombouctou": "TOMBOUCTOU", "Kidal": " Kidal "}
        for row in raw:
            row["admin1"] = spellings.get(row["admin1"], row["admin1"])
            if row["admin2"] == "Menaka":
                row["admin1"] = "MÃ©naka"            # Latin-1 misread of UTF-8
                row["location"] = "Ménaka"
        path = self.write("accents.csv", raw, list(raw[0].keys()))
        with open(path, "rb") as handle:
            data = handle.read()
        with open(path, "wb") as handle:
            handle.write(b"\xef\xbb\xbf" + data)    # Excel's UTF-8 byte-order mark
        self.assertEqual(self.run_main(path)[1], self.reference())


class Harmonization(Case):
    def test_aliases(self):
        cases = {
            ("Ségou", ""): ("Segou", ""),
            ("SÃ©gou", ""): ("Segou", ""),
            ("Timbuktu", "Goundam"): ("Tombouctou", "Goundam"),
            ("Taoudénit", "Araouane"): ("Tombouctou", "Araouane"),
            ("Ménaka", "Ménaka"): ("Gao", "Ménaka"),
            ("Gao", " Menaka "): ("Gao", "Menaka"),
            ("District de Bamako", "Bamako"): ("Bamako", "Bamako"),
            ("Nioro du Sahel", ""): ("Kayes", ""),
        }
        for (admin1, admin2), expected in cases.items():
            with self.subTest(admin1=admin1):
                self.assertEqual(harmonize_admin1(admin1, admin2), expected)
        self.assertIsNone(harmonize_admin1("Tillabéri"))
        self.assertIsNone(harmonize_admin1(""))


class Window(Case):
    def test_inclusive_window(self):
        _, rows, err = self.run_main(FIXTURE, "--from", "2013-01-01", "--to", "2016-12-31")
        # drops MLI449 (2012-12-31), MLI438, MLI424 (2 killed), MLI104 (2009, 4 killed)
        self.assertEqual(self.totals(rows), (15, 35))
        self.assertIn("4 outside window", err)
        self.assertGreaterEqual(min(r["month"] for r in rows), "2013-01")

    def test_bounds_are_inclusive(self):
        _, rows, _ = self.run_main(FIXTURE, "--from", "2012-12-31", "--to", "2012-12-31")
        self.assertEqual([(r["month"], r["admin1"], r["events"]) for r in rows],
                         [("2012-12", "Bamako", "1")])
        _, rows, _ = self.run_main(FIXTURE, "--from", "2014-12-31", "--to", "2014-12-31")
        self.assertEqual(self.totals(rows), (2, 0))

    def test_bad_window_is_usage_error(self):
        for args in (["--from", "2016-01-01", "--to", "2015-01-01"], ["--from", "1 Jan 2015"]):
            with self.subTest(args=args):
                result = self.run_cli(FIXTURE, *args)
                self.assertEqual(result.returncode, 2)


class MalformedInput(Case):
    """Each broken cell must exit 2 naming file:line and the column."""

    def broken(self, index, column, value):
        raw = fixture_rows()
        raw[index][column] = value
        return self.write("broken.csv", raw, list(raw[0].keys()))

    def assert_error(self, path, line, *fragments):
        result = self.run_cli(path)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertIn(f"{path}:{line}:", result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)

    def test_bad_cells(self):
        columns = list(fixture_rows()[0].keys())
        cases = [
            ("event_date", "2016-13-01", "impossible date"),
            ("event_date", "12/24/2016", "unrecognized date"),
            ("fatalities", "-1", "whole number"),
            ("fatalities", "", "whole number"),
            ("fatalities", "2.5", "whole number"),
            ("admin1", "Tillaberi", "unknown Mali region"),
            ("event_id_cnty", " ", "empty event id"),
            ("event_type", "", "empty event type"),
            ("year", "2015", "disagrees"),
        ]
        for column, value, message in cases:
            with self.subTest(column=column, value=value):
                # data row index 4 is on physical line 6 (header is line 1)
                path = self.broken(4, column, value)
                self.assert_error(path, 6, f"column {columns.index(column) + 1} ({column})",
                                  message)

    def test_line_counts_multiline_quoted_fields(self):
        raw = fixture_rows()
        raw[0]["notes"] = "first line\nsecond line\nthird line"
        raw[1]["fatalities"] = "many"
        path = self.write("multiline.csv", raw, list(raw[0].keys()))
        self.assert_error(path, 5, "(fatalities)")   # record 2 starts after 1 + 3 lines

    def test_unclosed_quote(self):
        path = self.path("quote.csv")
        with open(FIXTURE, encoding="utf-8", newline="") as src:
            lines = src.read().split("\r\n")
        lines[5] += ',"unclosed'     # swallows the rest of the file; noticed only at its end
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("\r\n".join(lines))
        self.assert_error(path, 6, "CSV syntax")

    def test_missing_column(self):
        raw = fixture_rows()
        columns = [c for c in raw[0].keys() if c != "fatalities"]
        self.assert_error(self.write("nocol.csv", raw, columns), 1, "fatalities")

    def test_wrong_field_count(self):
        path = self.path("short.csv")
        with open(FIXTURE, encoding="utf-8", newline="") as src:
            lines = src.read().split("\r\n")
        lines[3] = lines[3].rsplit(",", 2)[0]
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("\r\n".join(lines))
        self.assert_error(path, 4, "fields")

    def test_invalid_utf8(self):
        path = self.path("latin1.csv")
        with open(FIXTURE, "rb") as src:
            data = src.read().replace(b"Tidarmene", b"Tidarm\xe8ne", 1)
        with open(path, "wb") as out:
            out.write(data)
        line = data[:data.index(b"\xe8")].count(b"\n") + 1
        self.assert_error(path, line, "UTF-8")

    def test_missing_and_empty_files(self):
        missing = self.path("nope.csv")
        result = self.run_cli(missing)
        self.assertEqual(result.returncode, 2)
        self.assertIn(missing, result.stderr)
        empty = self.path("empty.csv")
        open(empty, "w").close()
        self.assert_error(empty, 1, "empty file")


class OtherCountries(Case):
    def test_rows_of_other_countries_are_skipped(self):
        raw = fixture_rows()
        niger = dict(raw[0], event_id_cnty="NIG1", country="Niger", admin1="Tillaberi")
        path = self.write("region.csv", raw + [niger], NEW_COLUMNS)
        status, rows, err = self.run_main(path)
        self.assertEqual(status, 0)
        self.assertEqual(self.totals(rows), (19, 41))
        self.assertIn("1 not in Mali", err)


if __name__ == "__main__":
    unittest.main()
