#!/usr/bin/env python3
"""Who the deaths were: an ACLED export's fatalities by year, region and armed group of a scenario.

For each year and pre-2016 region (tools/data/mali_regions.py), the deaths of the events that name
each armed group of the scenario, as actor1, actor2 or an associated actor (an event naming two
groups counts for both; a name mapped to several groups, a coalition's, counts for each), and the
deaths of the events that name none of them ("unnamed": the army's, the unidentified armed groups',
the communal militias the scenario does not model). The scenario's forecast origins read them
(`by_group` of dynamics.observed_fatalities; docs/model/operational-layer.md, M17). The map from
ACLED's actor names to group ids is a CSV (acled_actor,groups,source; groups separated by spaces).

Prints the `by_group` mappings as YAML, one line per region, to paste into the scenario's entries.
Exit status 0, or 2 on a malformed input (message names file, line and column).

Example:
    python3 tools/data/acled_deaths_by_group.py ../shared/data/observed/acled_mali_1997-2016_events.csv \\
        scenarios/mali/acled_actor_groups.csv --from 2012 --to 2016
"""

import argparse
import collections
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mali_regions import harmonize_admin1  # noqa: E402

ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def fail(message):
    print(f"acled_deaths_by_group: {message}", file=sys.stderr)
    sys.exit(2)


def read_map(path):
    """ACLED actor name -> tuple of group ids."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for column in ("acled_actor", "groups", "source"):
            if column not in (reader.fieldnames or []):
                fail(f"{path}:1: column '{column}' missing")
        for line, row in enumerate(reader, start=2):
            groups = tuple(row["groups"].split())
            if not row["acled_actor"].strip() or not groups:
                fail(f"{path}:{line}: column 'acled_actor' or 'groups' empty")
            if not row["source"].strip():
                fail(f"{path}:{line}: column 'source' empty")
            out[row["acled_actor"].strip()] = groups
    return out


def tally(path, names, first, last):
    """{(year, region): (Counter of group -> deaths, unnamed deaths, all deaths)}."""
    named = collections.defaultdict(collections.Counter)
    unnamed = collections.Counter()
    total = collections.Counter()
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for column in ("year", "admin1", "fatalities") + ACTOR_COLUMNS:
            if column not in (reader.fieldnames or []):
                fail(f"{path}:1: column '{column}' missing")
        seen = set()
        for line, row in enumerate(reader, start=2):
            event_id = (row.get("event_id_cnty") or "").strip()
            if event_id:  # a re-downloaded export repeats events: count each once
                if event_id in seen:
                    continue
                seen.add(event_id)
            try:
                year = int(row["year"])
                deaths = int(row["fatalities"] or 0)
            except ValueError:
                fail(f"{path}:{line}: column 'year' or 'fatalities' is not a whole number")
            if year < first or year > last or deaths <= 0:
                continue
            harmonized = harmonize_admin1(row["admin1"], row.get("admin2", ""))
            if harmonized is None:
                fail(f"{path}:{line}: column 'admin1': unknown region '{row['admin1']}'")
            region = harmonized[0]
            groups = set()
            for column in ACTOR_COLUMNS:
                for actor in (row[column] or "").split(";"):
                    groups.update(names.get(actor.strip(), ()))
            key = (year, region)
            total[key] += deaths
            if groups:
                for g in groups:
                    named[key][g] += deaths
            else:
                unnamed[key] += deaths
    return named, unnamed, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", help="ACLED export (CSV)")
    parser.add_argument("actors", help="map of ACLED actor names to group ids (CSV)")
    parser.add_argument("--from", dest="first", type=int, required=True, help="first year")
    parser.add_argument("--to", dest="last", type=int, required=True, help="last year")
    args = parser.parse_args()
    names = read_map(args.actors)
    named, unnamed, total = tally(args.events, names, args.first, args.last)
    for year in range(args.first, args.last + 1):
        regions = sorted(r for (y, r) in total if y == year)
        print(f"# {year}")
        print("by_group: {" + ", ".join(
            f"{r}: {{unnamed: {unnamed[(year, r)]}, groups: {{" +
            ", ".join(f"{g}: {n}" for g, n in sorted(named[(year, r)].items())) + "}}"
            for r in regions) + "}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
