#!/usr/bin/env python3
"""Aggregate an ACLED export to events and fatalities by month, admin1 and event type.

ACLED's terms let the project publish aggregates (with attribution) but not
event-level rows, so this is the only way ACLED data enters the repository:
users run it on their own export. Output columns:

    month,admin1,event_type,events,fatalities

month is YYYY-MM; admin1 is one of the nine pre-2016 regions spelled as in the
OCHA boundary file (Ménaka events count under Gao); rows are sorted by month,
admin1, event_type. Event types are passed through as exported: ACLED renamed
them in 2019, so mixing old and new exports mixes the two vocabularies.

Exit status: 0 on success, 2 on malformed input or bad options (message names
file, line and column on stderr).

Example:
    python3 tools/data/acled_aggregate.py export.csv --from 2012-01-01 \\
        --to 2016-12-31 --out aggregates.csv
"""

import argparse
import collections
import csv
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from acled_csv import InputError, read_events  # noqa: E402

HEADER = ("month", "admin1", "event_type", "events", "fatalities")


def deduplicate(events):
    """One event per event_id_cnty.

    Exports that were concatenated or re-downloaded repeat IDs; ACLED revises
    events in place, so the copy with the latest timestamp is the current one
    (the first copy wins a tie). Returns (events in first-seen order, dropped count).
    """
    kept = {}
    for event in events:
        current = kept.get(event.event_id)
        if current is None or event.timestamp > current.timestamp:
            kept[event.event_id] = event
    return list(kept.values()), len(events) - len(kept)


def in_window(events, date_from=None, date_to=None):
    """Events whose date lies in [date_from, date_to]; None leaves a side open."""
    return [e for e in events
            if (date_from is None or e.date >= date_from)
            and (date_to is None or e.date <= date_to)]


def aggregate(events):
    """Sorted rows (month, admin1, event_type, events, fatalities)."""
    totals = collections.defaultdict(lambda: [0, 0])
    for event in events:
        cell = totals[(event.date.strftime("%Y-%m"), event.admin1, event.event_type)]
        cell[0] += 1
        cell[1] += event.fatalities
    return [key + tuple(value) for key, value in sorted(totals.items())]


def write_rows(rows, handle):
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)


def _iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Aggregate an ACLED export CSV to month x admin1 x event type.")
    parser.add_argument("input", help="ACLED export CSV (UTF-8)")
    parser.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                        help="first event date kept (inclusive)")
    parser.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                        help="last event date kept (inclusive)")
    parser.add_argument("--out", help="output CSV (default: standard output)")
    args = parser.parse_args(argv)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        parser.error("--from is after --to")
    return args


def main(argv=None):
    args = parse_args(argv)
    skipped = {}
    try:
        events = read_events(args.input, skipped)
    except InputError as err:
        print(f"acled_aggregate: error: {err}", file=sys.stderr)
        return 2
    unique, duplicates = deduplicate(events)
    kept = in_window(unique, args.date_from, args.date_to)
    rows = aggregate(kept)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            write_rows(rows, handle)
    else:
        write_rows(rows, sys.stdout)
    print(f"acled_aggregate: {len(events) + skipped.get('country', 0)} rows read, "
          f"{skipped.get('country', 0)} not in Mali, {duplicates} duplicate ids dropped, "
          f"{len(unique) - len(kept)} outside window; {len(kept)} events, "
          f"{sum(e.fatalities for e in kept)} fatalities in {len(rows)} output rows",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
