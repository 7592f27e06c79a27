"""Tests for tools/data/acled_deaths_by_group.py on made-up rows (no ACLED data).

Run from the repository root:  python3 -m unittest discover -s tests/tools -v
"""

import csv
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(ROOT, "tools", "data", "acled_deaths_by_group.py")

COLUMNS = ["event_id_cnty", "year", "admin1", "admin2", "actor1", "assoc_actor_1", "actor2",
           "assoc_actor_2", "fatalities"]
MAP = [
    ("acled_actor", "groups", "source"),
    ("Alpha Front", "alpha", "assumption: test"),
    ("Beta Brigade", "beta", "assumption: test"),
    ("Coalition of Both", "alpha beta", "assumption: test"),
]


def run(rows, first=2015, last=2016, actors=MAP):
    with tempfile.TemporaryDirectory() as tmp:
        events = os.path.join(tmp, "events.csv")
        with open(events, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        names = os.path.join(tmp, "actors.csv")
        with open(names, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(actors)
        return subprocess.run([sys.executable, TOOL, events, names, "--from", str(first), "--to", str(last)],
                              capture_output=True, text=True, check=False)


class DeathsByGroup(unittest.TestCase):
    def test_each_group_named_on_either_side_is_credited_and_the_rest_is_unnamed(self):
        out = run([
            ("E1", 2015, "Gao", "Gao", "Alpha Front", "", "Beta Brigade", "", 5),
            ("E2", 2015, "Gao", "Gao", "Military Forces", "Beta Brigade; Others", "Civilians", "", 2),
            ("E3", 2015, "Gao", "Gao", "Unidentified Armed Group", "", "Civilians", "", 4),
            ("E4", 2015, "Timbuktu", "Goundam", "Coalition of Both", "", "Military Forces", "", 3),
            ("E1", 2015, "Gao", "Gao", "Alpha Front", "", "Beta Brigade", "", 5),  # a repeat
            ("E5", 2014, "Gao", "Gao", "Alpha Front", "", "", "", 9),  # before --from
            ("E6", 2016, "Gao", "Gao", "Alpha Front", "", "", "", 0),  # no deaths
        ])
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual(lines[0], "# 2015")
        self.assertEqual(lines[1], "by_group: {Gao: {unnamed: 4, groups: {alpha: 5, beta: 7}}, "
                                   "Tombouctou: {unnamed: 0, groups: {alpha: 3, beta: 3}}}")
        self.assertEqual(lines[2:], ["# 2016", "by_group: {}"])

    def test_a_malformed_count_is_refused_with_its_line(self):
        out = run([("E1", 2015, "Gao", "Gao", "Alpha Front", "", "", "", "many")])
        self.assertEqual(out.returncode, 2)
        self.assertIn("events.csv:2:", out.stderr)

    def test_an_unknown_region_is_refused_with_its_line(self):
        out = run([("E1", 2015, "Gao", "Gao", "Alpha Front", "", "", "", 1),
                   ("E2", 2015, "Atlantis", "", "Alpha Front", "", "", "", 1)])
        self.assertEqual(out.returncode, 2)
        self.assertIn("events.csv:3: column 'admin1'", out.stderr)

    def test_a_map_row_without_a_source_is_refused(self):
        out = run([], actors=MAP + [("Gamma", "gamma", "")])
        self.assertEqual(out.returncode, 2)
        self.assertIn("actors.csv:5: column 'source' empty", out.stderr)


if __name__ == "__main__":
    unittest.main()
