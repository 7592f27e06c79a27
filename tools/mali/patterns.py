#!/usr/bin/env python3
"""Check the Mali scenario's runs for the qualitative patterns of 2012-2016, seed by seed.

Usage (from the repository root):

    python3 tools/mali/patterns.py [--seeds 20] [--scale 1000] [--binary build/release/peacesim]
                                   [--scenario scenarios/mali/mali.yaml] [--set NAME=VALUE ...]
                                   [--json out.json]
    python3 tools/mali/patterns.py --runs RUN_DIR [RUN_DIR ...] [--json out.json]

The first form runs the scenario for seeds 1..N (one run at a time, in a temporary folder that is
removed afterwards); the second checks run folders that already exist. Each run's events.csv is
checked for four patterns (docs/calibration.md):

  a  loss of the north: Kidal, Gao and Timbuktu each saw a 'Non-state actor overtakes territory'
     event by 2012-04-30;
  b  the Islamists turn on the MNLA: the MNLA took Gao, and Ansar Dine, AQIM or MUJAO took Gao
     from the MNLA ('Non-state actor overtakes territory' at Gao, actor2 = the MNLA) between
     2012-05-01 and 2012-08-31;
  c  the recapture: all three towns saw a 'Government regains territory' event between
     2013-01-11 (Serval) and 2013-02-22 (six weeks);
  d  back to guerrilla war: from 2013-07-01 to 2016-12-31 at least 50 Battles or
     Explosions/Remote violence events, and at least one Explosions/Remote violence event in each
     of 2014, 2015 and 2016.

Prints a table seed x pattern and the share of seeds meeting each. Exit 0 whatever the patterns
say (it is a report); 2 on errors (peacesim missing or failing, malformed events.csv).
Standard library only.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

from validate import InputError, parse_date, parse_number, read_rows  # noqa: E402

DEFAULT_BINARY = os.path.join(ROOT, "build", "release", "peacesim")
DEFAULT_SCENARIO = os.path.join(ROOT, "scenarios", "mali", "mali.yaml")

OVERTAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
MNLA = "National Movement for the Liberation of Azawad"
ISLAMISTS = ("Ansar Dine", "Al-Qaeda in the Islamic Maghreb",
             "Movement for Oneness and Jihad in West Africa")
# town -> accepted spellings of the location (folded: no accents, lower case)
TOWNS = {"Kidal": ("kidal",), "Gao": ("gao",), "Timbuktu": ("timbuktu", "tombouctou")}

NORTH_LOST_BY = dt.date(2012, 4, 30)
TURN_FROM, TURN_TO = dt.date(2012, 5, 1), dt.date(2012, 8, 31)
SERVAL, RECAPTURE_BY = dt.date(2013, 1, 11), dt.date(2013, 2, 22)
GUERRILLA_FROM, GUERRILLA_TO = dt.date(2013, 7, 1), dt.date(2016, 12, 31)
GUERRILLA_MIN_EVENTS = 50
IED_YEARS = (2014, 2015, 2016)

PATTERNS = (
    ("a", "north_lost", "Kidal, Gao, Timbuktu overtaken by 2012-04-30"),
    ("b", "islamists_take_gao", "MNLA took Gao; Islamists took it from the MNLA 2012-05..08"),
    ("c", "recapture", "all three regained 2013-01-11..2013-02-22"),
    ("d", "guerrilla", ">=50 battles/IEDs 2013-07..2016, an IED each year 2014-2016"),
)


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def town_of(location):
    key = fold(location)
    for town, names in TOWNS.items():
        if key in names:
            return town
    return None


def load_events(path):
    """The events the patterns need: list of dicts with date, type, sub, actor1, actor2, town."""
    events = []
    columns = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location")
    for line, row in read_rows(path, columns):
        events.append({
            "date": parse_date(row["event_date"], path, line, "event_date"),
            "type": row["event_type"],
            "sub": row["sub_event_type"],
            "actor1": row["actor1"],
            "actor2": row["actor2"],
            "town": town_of(row["location"]),
        })
    events.sort(key=lambda e: e["date"])
    return events


def check_patterns(events):
    """{pattern key: {'ok': bool, 'detail': str}} for one run's events."""
    out = {}

    # a: loss of the north
    first_lost = {}
    for e in events:
        if e["sub"] == OVERTAKE and e["town"] and e["date"] <= NORTH_LOST_BY:
            first_lost.setdefault(e["town"], e["date"])
    missing = [t for t in TOWNS if t not in first_lost]
    out["north_lost"] = {
        "ok": not missing,
        "detail": ("; ".join(f"{t} {first_lost[t]:%m-%d}" for t in TOWNS if t in first_lost)
                   + (f"; not lost: {', '.join(missing)}" if missing else "")),
    }

    # b: MNLA holds Gao, then an Islamist group takes it from the MNLA in May-August 2012
    mnla_took = [e["date"] for e in events
                 if e["sub"] == OVERTAKE and e["town"] == "Gao" and e["actor1"] == MNLA]
    turn = [e for e in events
            if e["sub"] == OVERTAKE and e["town"] == "Gao" and e["actor1"] in ISLAMISTS
            and e["actor2"] == MNLA and TURN_FROM <= e["date"] <= TURN_TO]
    ok_b = bool(mnla_took) and bool(turn) and min(mnla_took) < turn[0]["date"]
    if ok_b:
        detail = f"MNLA {min(mnla_took):%Y-%m-%d}, {turn[0]['actor1']} {turn[0]['date']:%Y-%m-%d}"
    elif not mnla_took:
        detail = "the MNLA never took Gao"
    else:
        detail = f"MNLA {min(mnla_took):%Y-%m-%d}; no Islamist takeover from it in 2012-05..08"
    out["islamists_take_gao"] = {"ok": ok_b, "detail": detail}

    # c: recapture within six weeks of Serval
    regained = {}
    for e in events:
        if e["sub"] == REGAIN and e["town"] and e["date"] >= SERVAL:
            regained.setdefault(e["town"], e["date"])
    late = [t for t in TOWNS if t not in regained or regained[t] > RECAPTURE_BY]
    out["recapture"] = {
        "ok": not late,
        "detail": "; ".join(f"{t} {regained[t]:%Y-%m-%d}" if t in regained else f"{t} never"
                            for t in TOWNS),
    }

    # d: back to guerrilla war
    n = sum(1 for e in events if GUERRILLA_FROM <= e["date"] <= GUERRILLA_TO
            and e["type"] in ("Battles", "Explosions/Remote violence"))
    ieds = {y: sum(1 for e in events if e["date"].year == y
                   and e["type"] == "Explosions/Remote violence") for y in IED_YEARS}
    out["guerrilla"] = {
        "ok": n >= GUERRILLA_MIN_EVENTS and all(ieds.values()),
        "detail": f"{n} battles+IEDs; IEDs " + ", ".join(f"{y}: {c}" for y, c in ieds.items()),
    }
    return out


def run_peacesim(binary, scenario, seed, scale, out_dir, sets=()):
    """Run one simulation; raise InputError with peacesim's message if it fails."""
    command = [binary, "run", scenario, "--seed", str(seed), "--scale", str(scale),
               "--out", out_dir, "-q"]
    for item in sets:
        command += ["--set", item]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as err:
        raise InputError(binary, 0, f"cannot run peacesim: {err.strerror}") from None
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip()).splitlines()
        raise InputError(scenario, 0, f"peacesim exited with {done.returncode} (seed {seed}): "
                         + (message[-1] if message else "no message"))
    return out_dir


def report(rows):
    lines = ["Patterns (docs/calibration.md):"]
    for letter, _, text in PATTERNS:
        lines.append(f"  {letter}  {text}")
    lines.append("")
    header = ["run"] + [letter for letter, _, _ in PATTERNS]
    table = [[str(r["run"])] + [("yes" if r["patterns"][key]["ok"] else "no")
                                for _, key, _ in PATTERNS] for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(header)]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)) + "  details")
    lines.append("  ".join("-" * w for w in widths) + "  -------")
    for r, t in zip(rows, table):
        details = " | ".join(f"{letter}: {r['patterns'][key]['detail']}"
                             for letter, key, _ in PATTERNS)
        lines.append("  ".join(c.ljust(w) for c, w in zip(t, widths)) + "  " + details)
    lines.append("")
    n = len(rows)
    for letter, key, text in PATTERNS:
        k = sum(1 for r in rows if r["patterns"][key]["ok"])
        lines.append(f"{letter}  {k}/{n} runs ({100 * k / n:.0f} %)  {text}")
    k = sum(1 for r in rows if all(r["patterns"][key]["ok"] for _, key, _ in PATTERNS))
    lines.append(f"all four: {k}/{n} runs ({100 * k / n:.0f} %)")
    return "\n".join(lines)


def summary(rows):
    n = len(rows)
    return {key: sum(1 for r in rows if r["patterns"][key]["ok"]) / n for _, key, _ in PATTERNS}


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Check Mali runs for the 2012-2016 patterns.")
    parser.add_argument("--seeds", type=int, default=20, help="run seeds 1..N (default 20)")
    parser.add_argument("--scale", type=float, default=1000, help="people per agent (default 1000)")
    parser.add_argument("--binary", default=DEFAULT_BINARY, help="peacesim executable")
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, help="scenario file")
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
                        help="passed to peacesim run --set (repeatable)")
    parser.add_argument("--runs", nargs="+", metavar="RUN_DIR",
                        help="check these existing run folders instead of running peacesim")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error("--seeds must be at least 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    rows = []
    try:
        if args.runs:
            for d in args.runs:
                events = load_events(os.path.join(d, "events.csv"))
                rows.append({"run": d, "patterns": check_patterns(events)})
        else:
            if not os.access(args.binary, os.X_OK):
                raise InputError(args.binary, 0, "peacesim executable not found (--binary)")
            scale = f"{args.scale:g}"
            tmp = tempfile.mkdtemp(prefix="peacesim_patterns_")
            try:
                for seed in range(1, args.seeds + 1):
                    out = run_peacesim(args.binary, args.scenario, seed, scale,
                                       os.path.join(tmp, f"seed{seed}"), args.sets)
                    events = load_events(os.path.join(out, "events.csv"))
                    rows.append({"run": seed, "patterns": check_patterns(events)})
                    shutil.rmtree(out, ignore_errors=True)
                    print(f"seed {seed}/{args.seeds} done", file=sys.stderr, flush=True)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    except InputError as err:
        print(f"patterns.py: error: {err}", file=sys.stderr)
        return 2
    print(report(rows))
    if args.json:
        result = {"scenario": None if args.runs else os.path.abspath(args.scenario),
                  "scale": None if args.runs else args.scale, "sets": args.sets,
                  "patterns": {key: text for _, key, text in PATTERNS},
                  "runs": rows, "share": summary(rows)}
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
