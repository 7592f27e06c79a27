#!/usr/bin/env python3
"""Print the observed figures that the Mali scenario's `patterns:` section cites.

Usage (from the repository root; ACLED's event rows are not in the repository, bring your export):

    python3 tools/data/pattern_thresholds.py ACLED_EXPORT.csv \
        [--unhcr data/observed/unhcr_population_mali_origin_or_asylum_2009-2016.csv]

Every figure uses observations up to 2016-12-31 only (it refuses later rows). It computes, from
ACLED's violent events (Battles, Violence against civilians, Explosions/Remote violence):
the dates on which Kidal, Gao and Timbuktu last passed from the state to a non-state group in
2012; the named armed groups with at least 5 events in 2016; the share of 2014-2016 fatalities in
fighting between two non-state actors (interaction codes 22, 23, 24, 33, 34, 44); the share of
2012-2016 events with no fatalities; the Mopti + Segou share of fatalities by year; battles and
explosions from 2013-07 to 2016 and explosions a year; the regions of events against the UN mission;
and, from UNHCR, IDPs at the end of 2013 and 2016. Standard library only; the scenario's YAML quotes
these numbers in each pattern's `source`.
"""

import argparse
import collections
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mali_regions import harmonize_admin1  # noqa: E402

VIOLENT = ("Battles", "Violence against civilians", "Explosions/Remote violence")
NON_STATE = ("2", "3", "4")
LAST_DAY = "2016-12-31"


def read_acled(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    later = [r["event_date"] for r in rows if r["event_date"] > LAST_DAY]
    if later:
        sys.exit(f"{path}: rows after {LAST_DAY} (e.g. {later[0]}): observations stop at 2016 on purpose")
    for r in rows:
        region = harmonize_admin1(r["admin1"])
        r["region"] = region[0] if region else r["admin1"]
        r["fatalities"] = int(r["fatalities"] or 0)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("acled")
    parser.add_argument("--unhcr", default="data/observed/unhcr_population_mali_origin_or_asylum_2009-2016.csv")
    args = parser.parse_args(argv)
    rows = read_acled(args.acled)
    violent = [r for r in rows if r["event_type"] in VIOLENT]

    print("Last 'Non-state actor overtakes territory' from the state (interaction 1x) in 2012:")
    for town in ("Kidal", "Gao", "Timbuktu"):
        dates = [r["event_date"] for r in rows
                 if r["location"] == town and r["event_date"].startswith("2012")
                 and r["sub_event_type"] == "Non-state actor overtakes territory" and "1" in (r["inter1"], r["inter2"])]
        print(f"  {town}: {max(dates) if dates else 'none'}")

    counts = collections.Counter()
    for r in rows:
        if r["event_date"].startswith("2016"):
            for actor, code in ((r["actor1"], r["inter1"]), (r["actor2"], r["inter2"])):
                if actor and code in NON_STATE:
                    counts[actor] += 1
    print("Non-state actors with at least 5 events in 2016 (any type):")
    for actor, n in counts.most_common():
        if n >= 5:
            print(f"  {n:3d}  {actor}")

    window = [r for r in violent if "2014-01-01" <= r["event_date"] <= LAST_DAY]
    total = sum(r["fatalities"] for r in window)
    between = sum(r["fatalities"] for r in window if r["inter1"] in NON_STATE and r["inter2"] in NON_STATE)
    print(f"Fatalities 2014-2016 in fighting between non-state actors: {between} of {total} = {between / total:.3f}")

    window = [r for r in violent if "2012-01-01" <= r["event_date"] <= LAST_DAY]
    zero = sum(1 for r in window if r["fatalities"] == 0)
    print(f"Violent events 2012-2016 with no fatalities: {zero} of {len(window)} = {zero / len(window):.4f}")

    print("Mopti + Segou share of fatalities:")
    for year in range(2012, 2017):
        those = [r for r in violent if r["event_date"].startswith(str(year))]
        part = sum(r["fatalities"] for r in those if r["region"] in ("Mopti", "Segou"))
        whole = sum(r["fatalities"] for r in those)
        print(f"  {year}: {part} of {whole} = {part / whole:.3f}")

    n = sum(1 for r in rows if "2013-07-01" <= r["event_date"] <= LAST_DAY
            and r["event_type"] in ("Battles", "Explosions/Remote violence"))
    print(f"Battles and Explosions/Remote violence 2013-07-01..2016-12-31: {n}")
    for year in (2014, 2015, 2016):
        k = sum(1 for r in rows if r["event_date"].startswith(str(year))
                and r["event_type"] == "Explosions/Remote violence")
        print(f"  Explosions/Remote violence in {year}: {k}")

    against_un = [r for r in violent if "2013-07-01" <= r["event_date"] <= LAST_DAY and "MINUSMA" in r["actor2"]]
    north = sum(1 for r in against_un if r["region"] in ("Kidal", "Gao", "Tombouctou"))
    print(f"Violent events against the UN mission 2013-07..2016 in Kidal, Gao, Tombouctou: {north} of "
          f"{len(against_un)} = {north / len(against_un):.3f}")

    with open(args.unhcr, encoding="utf-8", newline="") as handle:
        idps = {int(r["year"]): float(r["idps"] or 0) for r in csv.DictReader(handle)
                if r["coo_iso"] == "MLI" and r["coa_iso"] == "MLI" and r["idps"] not in ("", "NA")}
    print(f"IDPs at the end of 2013: {idps[2013]:.0f}; of 2016: {idps[2016]:.0f}; ratio {idps[2016] / idps[2013]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
