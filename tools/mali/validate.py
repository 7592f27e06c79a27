#!/usr/bin/env python3
"""Compare peacesim Mali runs with the observed record, beside two model-free baselines.

Usage (from the repository root):

    python3 tools/mali/validate.py RUN_DIR [RUN_DIR ...] [--from 2012-01-01] [--to 2016-12-31]
                                   [--json out.json] [--observed-dir data/observed]
                                   [--baseline rolling|frozen]

Each RUN_DIR is a run folder written by `peacesim run scenarios/mali/mali.yaml` (it must hold
events.csv and timeseries.csv). Several folders form an ensemble: the model's figure is the mean
over runs, and national yearly totals also show the 5-95 % range over runs.

What is compared (MODEL.md §6; docs/calibration.md explains every metric):

- violent events and their fatalities by region and year (ACLED's Battles, Violence against
  civilians, Explosions/Remote violence; Strategic developments, Protests and Riots excluded):
  Spearman rank correlation over region-years, mean absolute error of ln(1 + x), national
  yearly totals, each region's share of the window's total;
- MINUSMA fatalities from malicious acts per year (series casualties_minusma);
- Malian refugees abroad and IDPs at the end of each year (UNHCR), also refugees by host country.

Every figure stands beside two baselines that need no model, built from the observed data only:
persistence (the previous year's observation) and trend (linear extrapolation from the two
previous years, floored at 0). With --baseline frozen the baselines are instead built once from
the years before the window and held for the whole window (what a forecaster without any
in-window data would do; this is the setting of the 2017-2020 evaluation).

Observations stop at 2016-12-31 (data/README.md): the window cannot go beyond that date.

Exit codes: 0 success; 2 bad input (the message names the file and line).
Standard library only.
"""

import argparse
import csv
import datetime as dt
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "data"))

from mali_regions import CANONICAL_ADMIN1, harmonize_admin1  # noqa: E402

OBSERVED_END = dt.date(2016, 12, 31)
ACLED_FILE = "acled_mali_aggregates_by_admin1_month_1997-2016.csv"
MINUSMA_FILE = "minusma_fatalities_2013-2016.csv"
UNHCR_FILE = "unhcr_population_mali_origin_or_asylum_2009-2016.csv"

REGIONS = tuple(CANONICAL_ADMIN1)
HOSTS = ("MRT", "NER", "BFA")  # the three host countries the model has camps in

# Violent event types, by ACLED's current names; older names are mapped to them.
BATTLES = "Battles"
VAC = "Violence against civilians"
ERV = "Explosions/Remote violence"
VIOLENT_TYPES = (BATTLES, VAC, ERV)
_TYPE_NAMES = {
    "battles": BATTLES,
    "battle-no change of territory": BATTLES,
    "battle-government regains territory": BATTLES,
    "battle-non-state actor overtakes territory": BATTLES,
    "battle-non-state actors overtake territory": BATTLES,
    "violence against civilians": VAC,
    "explosions/remote violence": ERV,
    "remote violence": ERV,
    # not violent (or not counted): kept out of every figure
    "strategic developments": None,
    "protests": None,
    "riots": None,
    "riots/protests": None,
    "non-violent transfer of territory": None,
    "headquarters or base established": None,
}


class InputError(Exception):
    """Malformed input: carries the file and line (0 = the file as a whole)."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


def event_class(name, path, line):
    """Canonical violent type for an ACLED event type, None if not counted; error if unknown."""
    key = " ".join(name.strip().lower().split())
    if key not in _TYPE_NAMES:
        raise InputError(path, line, f"unknown event_type {name!r}")
    return _TYPE_NAMES[key]


# ---------------------------------------------------------------------------------------------
# CSV reading with line numbers
# ---------------------------------------------------------------------------------------------

def read_rows(path, required):
    """Yield (line number, dict) for each data row; check the header names `required`."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InputError(path, 0, f"cannot read: {err.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(path, 1, "empty file (no header)") from None
        except (csv.Error, UnicodeDecodeError) as err:
            raise InputError(path, 1, f"unreadable header: {err}") from None
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(path, 1, f"missing column(s) {', '.join(missing)}")
        index = {name: header.index(name) for name in required}
        width = len(header)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as err:
                raise InputError(path, reader.line_num, f"unreadable row: {err}") from None
            line = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise InputError(path, line, f"{len(row)} fields, header has {width}")
            yield line, {name: row[i].strip() for name, i in index.items()}


def parse_date(text, path, line, field):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(path, line, f"{field}: not a date YYYY-MM-DD: {text!r}") from None


def parse_number(text, path, line, field, integer=False, allow_na=False):
    if allow_na and text in ("NA", ""):
        return 0
    try:
        value = float(text)
    except ValueError:
        raise InputError(path, line, f"{field}: not a number: {text!r}") from None
    if not math.isfinite(value):
        raise InputError(path, line, f"{field}: not a finite number: {text!r}")
    if value < 0:
        raise InputError(path, line, f"{field}: negative: {text!r}")
    if integer and value != int(value):
        raise InputError(path, line, f"{field}: not a whole number: {text!r}")
    return int(value) if integer else value


def region_of(name, path, line):
    harmonized = harmonize_admin1(name)
    if harmonized is None:
        raise InputError(path, line, f"admin1: unknown region {name!r}")
    return harmonized[0]


# ---------------------------------------------------------------------------------------------
# Observed data
# ---------------------------------------------------------------------------------------------

def load_acled_aggregates(path):
    """{(region, year): [events, fatalities]} of violent events, every year of the file."""
    table = {}
    for line, row in read_rows(path, ("month", "admin1", "event_type", "events", "fatalities")):
        month = row["month"]
        parts = month.split("-")
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
            raise InputError(path, line, f"month: not YYYY-MM: {month!r}")
        region = region_of(row["admin1"], path, line)
        kind = event_class(row["event_type"], path, line)
        events = parse_number(row["events"], path, line, "events", integer=True)
        fatalities = parse_number(row["fatalities"], path, line, "fatalities", integer=True)
        if kind is None:
            continue
        cell = table.setdefault((region, int(parts[0])), [0, 0])
        cell[0] += events
        cell[1] += fatalities
    return table


def load_minusma(path):
    """{year: MINUSMA personnel killed by malicious acts}."""
    per_year = {}
    for line, row in read_rows(path, ("incident_date", "type_of_incident")):
        date = parse_date(row["incident_date"], path, line, "incident_date")
        if row["type_of_incident"].lower() == "malicious act":
            per_year[date.year] = per_year.get(date.year, 0) + 1
    return per_year


def load_unhcr(path):
    """Year-end stocks: {'refugees': {year: n}, 'idps': {year: n}, 'hosts': {iso: {year: n}}}.

    Refugees abroad = rows with origin MLI and asylum not MLI (column refugees); IDPs = the row
    origin = asylum = MLI (column idps). NA counts as 0.
    """
    refugees, idps, hosts = {}, {}, {iso: {} for iso in HOSTS}
    for line, row in read_rows(path, ("year", "coo_iso", "coa_iso", "refugees", "idps")):
        year = parse_number(row["year"], path, line, "year", integer=True)
        if row["coo_iso"] != "MLI":
            continue
        if row["coa_iso"] == "MLI":
            idps[year] = idps.get(year, 0) + parse_number(row["idps"], path, line, "idps",
                                                          integer=True, allow_na=True)
        else:
            n = parse_number(row["refugees"], path, line, "refugees", integer=True, allow_na=True)
            refugees[year] = refugees.get(year, 0) + n
            if row["coa_iso"] in hosts:
                hosts[row["coa_iso"]][year] = hosts[row["coa_iso"]].get(year, 0) + n
    return {"refugees": refugees, "idps": idps, "hosts": hosts}


def load_observed(directory):
    return {
        "acled": load_acled_aggregates(os.path.join(directory, ACLED_FILE)),
        "minusma": load_minusma(os.path.join(directory, MINUSMA_FILE)),
        "unhcr": load_unhcr(os.path.join(directory, UNHCR_FILE)),
    }


# ---------------------------------------------------------------------------------------------
# Simulated data (one run folder)
# ---------------------------------------------------------------------------------------------

RUN_SERIES = ("casualties_minusma", "refugees", "internally_displaced") + tuple(
    f"refugees_in_{iso}" for iso in HOSTS)


def load_run_events(path, start, end):
    """{(region, year): [events, fatalities]} of violent events dated start..end."""
    table = {}
    for line, row in read_rows(path, ("event_date", "event_type", "admin1", "fatalities")):
        date = parse_date(row["event_date"], path, line, "event_date")
        kind = event_class(row["event_type"], path, line)
        region = region_of(row["admin1"], path, line)
        fatalities = parse_number(row["fatalities"], path, line, "fatalities")
        if kind is None or not start <= date <= end:
            continue
        cell = table.setdefault((region, date.year), [0, 0])
        cell[0] += 1
        cell[1] += fatalities
    return table


def load_run_timeseries(path):
    """{series: {date: value}} for the national ('Mali') rows of the series validate uses."""
    out = {name: {} for name in RUN_SERIES}
    for line, row in read_rows(path, ("date", "region", "series", "value")):
        if row["region"] != "Mali" or row["series"] not in out:
            continue
        date = parse_date(row["date"], path, line, "date")
        out[row["series"]][date] = parse_number(row["value"], path, line, "value")
    return out


def yearly_sum(series, year, start, end):
    """Sum of a monthly flow series over the months of `year` inside start..end."""
    return sum(v for d, v in series.items() if d.year == year and start <= d <= end)


def year_end(series, year):
    """Value on the last recorded date of `year` (a gauge); None if the run has no such date."""
    dates = [d for d in series if d.year == year]
    return series[max(dates)] if dates else None


def load_run(directory, start, end):
    """One run's figures by year: events/fatalities by region-year and the national series."""
    if not os.path.isdir(directory):
        raise InputError(directory, 0, "not a run folder (no such directory)")
    events = load_run_events(os.path.join(directory, "events.csv"), start, end)
    series = load_run_timeseries(os.path.join(directory, "timeseries.csv"))
    years = list(range(start.year, end.year + 1))
    if not series["refugees"]:
        raise InputError(os.path.join(directory, "timeseries.csv"), 0,
                         "no national 'refugees' series (is this a Mali run?)")
    last = max(series["refugees"])
    if last < end:
        raise InputError(os.path.join(directory, "timeseries.csv"), 0,
                         f"run ends {last}, before the window's end {end}")
    run = {
        "events": {key: value[0] for key, value in events.items()},
        "fatalities": {key: value[1] for key, value in events.items()},
        "minusma": {y: yearly_sum(series["casualties_minusma"], y, start, end) for y in years},
        "refugees": {y: year_end(series["refugees"], y) for y in years},
        "idps": {y: year_end(series["internally_displaced"], y) for y in years},
        "hosts": {iso: {y: year_end(series[f"refugees_in_{iso}"], y) for y in years}
                  for iso in HOSTS},
    }
    return run


# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------

def ranks(values):
    """Ranks 1..n, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        average = (i + j) / 2 + 1
        for k in range(i, j + 1):
            out[order[k]] = average
        i = j + 1
    return out


def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None  # undefined for a constant series
    return sxy / math.sqrt(sxx * syy)


def spearman(xs, ys):
    """Spearman's rank correlation with average ranks for ties (Pearson on ranks); None if a
    side is constant."""
    if len(xs) != len(ys):
        raise ValueError("spearman: sequences of different length")
    return pearson(ranks(list(xs)), ranks(list(ys)))


def log_mae(predicted, observed):
    """Mean absolute error of ln(1 + x)."""
    if len(predicted) != len(observed) or not predicted:
        raise ValueError("log_mae: need two sequences of the same, non-zero length")
    return sum(abs(math.log1p(p) - math.log1p(o)) for p, o in zip(predicted, observed)) / len(
        predicted)


def persistence(history, year):
    """The previous year's observation (missing years count as 0)."""
    return history.get(year - 1, 0)


def trend(history, year):
    """Linear extrapolation from the two previous years, floored at 0."""
    return max(0, 2 * history.get(year - 1, 0) - history.get(year - 2, 0))


def baseline(kind, history, year, first_year, mode="rolling"):
    """Baseline forecast for `year`. rolling: from the years just before `year`; frozen: from
    the years before `first_year` (the window's start), extrapolated to `year` for trend."""
    if mode == "rolling":
        return persistence(history, year) if kind == "persistence" else trend(history, year)
    last = history.get(first_year - 1, 0)
    if kind == "persistence":
        return last
    slope = last - history.get(first_year - 2, 0)
    return max(0, last + slope * (year - first_year + 1))


def percentile(values, q):
    """Linear-interpolation percentile (numpy's default), q in [0, 100]."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def shares(totals):
    """{key: share of the sum} (all 0 if the sum is 0)."""
    whole = sum(totals.values())
    return {k: (v / whole if whole else 0.0) for k, v in totals.items()}


def share_distance(a, b):
    """Total variation distance between two share vectors: half the sum of |a - b|."""
    return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b)) / 2


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


# ---------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------

def history_of(table, region, index=None):
    """{year: value} for one region of a {(region, year): value-or-pair} table."""
    out = {}
    for (r, y), value in table.items():
        if r == region:
            out[y] = value[index] if index is not None else value
    return out


def national_history(table, index):
    out = {}
    for (_, y), value in table.items():
        out[y] = out.get(y, 0) + value[index]
    return out


def compare(runs, observed, start, end, mode="rolling"):
    """All the metrics, as a JSON-ready dict. `runs` are load_run() results."""
    years = list(range(start.year, end.year + 1))
    first = years[0]
    acled = observed["acled"]
    keys = [(r, y) for r in REGIONS for y in years]
    result = {
        "window": [start.isoformat(), end.isoformat()],
        "years": years,
        "runs": len(runs),
        "baseline_mode": mode,
        "region_year": {},
        "national": {},
        "shares": {},
        "scalars": {},
    }

    def observed_in_window(index):
        """Observed region-year table restricted to the window's months (whole years outside)."""
        return {k: acled.get(k, [0, 0])[index] for k in keys}

    # The ACLED aggregate is monthly; a window cut inside a year needs the monthly file, so
    # validate only accepts whole years (checked in main) and uses yearly sums.
    for index, quantity in ((0, "events"), (1, "fatalities")):
        obs = observed_in_window(index)
        model = {k: mean([run[quantity].get(k, 0) for run in runs]) for k in keys}
        base = {}
        for kind in ("persistence", "trend"):
            base[kind] = {}
            for region in REGIONS:
                history = history_of(acled, region, index)
                for y in years:
                    base[kind][(region, y)] = baseline(kind, history, y, first, mode)
        o = [obs[k] for k in keys]
        block = {"observed_total": sum(o)}
        for name, pred in (("model", model), ("persistence", base["persistence"]),
                           ("trend", base["trend"])):
            p = [pred[k] for k in keys]
            block[name] = {"spearman": spearman(p, o), "log_mae": log_mae(p, o), "total": sum(p)}
        block["cells"] = [
            {"region": r, "year": y, "observed": obs[(r, y)], "model": model[(r, y)],
             "persistence": base["persistence"][(r, y)], "trend": base["trend"][(r, y)]}
            for (r, y) in keys]
        result["region_year"][quantity] = block

        # national yearly totals
        history = national_history(acled, index)
        per_run = [[sum(run[quantity].get((r, y), 0) for r in REGIONS) for y in years]
                   for run in runs]
        rows = []
        for i, y in enumerate(years):
            values = [totals[i] for totals in per_run]
            rows.append({
                "year": y,
                "observed": sum(obs[(r, y)] for r in REGIONS),
                "model": mean(values),
                "model_p5": percentile(values, 5),
                "model_p95": percentile(values, 95),
                "persistence": baseline("persistence", history, y, first, mode),
                "trend": baseline("trend", history, y, first, mode),
            })
        result["national"][quantity] = {
            "years": rows,
            "log_mae": {name: log_mae([row[name] for row in rows], [row["observed"] for row in rows])
                        for name in ("model", "persistence", "trend")},
        }

        # each region's share of the window's total
        def region_totals(table):
            return {r: sum(table[(r, y)] for y in years) for r in REGIONS}

        share = {"observed": shares(region_totals(obs)), "model": shares(region_totals(model)),
                 "persistence": shares(region_totals(base["persistence"])),
                 "trend": shares(region_totals(base["trend"]))}
        result["shares"][quantity] = {
            "by_region": {r: {name: share[name][r] for name in share} for r in REGIONS},
            "distance": {name: share_distance(share[name], share["observed"])
                         for name in ("model", "persistence", "trend")},
        }

    # yearly scalars: MINUSMA deaths, refugees, IDPs, refugees per host
    unhcr = observed["unhcr"]
    scalar_specs = [
        ("minusma_malicious_fatalities", observed["minusma"], lambda run: run["minusma"]),
        ("refugees_abroad_year_end", unhcr["refugees"], lambda run: run["refugees"]),
        ("idps_year_end", unhcr["idps"], lambda run: run["idps"]),
    ] + [(f"refugees_in_{iso}_year_end", unhcr["hosts"][iso], (lambda iso_: lambda run:
                                                               run["hosts"][iso_])(iso))
         for iso in HOSTS]
    for name, history, getter in scalar_specs:
        rows = []
        for y in years:
            values = [getter(run)[y] for run in runs if getter(run)[y] is not None]
            rows.append({
                "year": y,
                "observed": history.get(y, 0),
                "model": mean(values),
                "model_p5": percentile(values, 5),
                "model_p95": percentile(values, 95),
                "persistence": baseline("persistence", history, y, first, mode),
                "trend": baseline("trend", history, y, first, mode),
            })
        complete = [row for row in rows if row["model"] is not None]
        result["scalars"][name] = {
            "years": rows,
            "log_mae": {m: (log_mae([row[m] for row in complete],
                                    [row["observed"] for row in complete]) if complete else None)
                        for m in ("model", "persistence", "trend")},
        }

    result["verdicts"] = verdicts(result)
    return result


def verdicts(result):
    """One line per headline metric: does the model beat persistence (and trend)?"""
    lines = []

    def judge(label, model, pers, trnd, higher_is_better):
        if model is None or pers is None:
            lines.append({"metric": label, "model": model, "persistence": pers, "trend": trnd,
                          "beats_persistence": None, "beats_trend": None})
            return

        def better(a, b):
            if b is None:
                return True
            return a > b if higher_is_better else a < b

        lines.append({"metric": label, "model": model, "persistence": pers, "trend": trnd,
                      "beats_persistence": better(model, pers),
                      "beats_trend": better(model, trnd)})

    for quantity in ("events", "fatalities"):
        block = result["region_year"][quantity]
        judge(f"{quantity}: Spearman over region-years", block["model"]["spearman"],
              block["persistence"]["spearman"], block["trend"]["spearman"], True)
        judge(f"{quantity}: log-MAE over region-years", block["model"]["log_mae"],
              block["persistence"]["log_mae"], block["trend"]["log_mae"], False)
        nat = result["national"][quantity]["log_mae"]
        judge(f"{quantity}: log-MAE of national yearly totals", nat["model"], nat["persistence"],
              nat["trend"], False)
        dist = result["shares"][quantity]["distance"]
        judge(f"{quantity}: regional shares (distance)", dist["model"], dist["persistence"],
              dist["trend"], False)
    for name, block in result["scalars"].items():
        err = block["log_mae"]
        judge(f"{name}: log-MAE", err["model"], err["persistence"], err["trend"], False)
    return lines


# ---------------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------------

def fmt(value, digits=0):
    if value is None:
        return "-"
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    out = ["  ".join(str(h).rjust(w) if i else str(h).ljust(w)
                     for i, (h, w) in enumerate(zip(headers, widths)))]
    out.append("  ".join("-" * w for w in widths))
    for r in rows:
        out.append("  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                             for i, (c, w) in enumerate(zip(r, widths))))
    return "\n".join(out)


def report(result, run_dirs):
    out = []
    w = result["window"]
    out.append(f"peacesim Mali validation: {result['runs']} run(s), window {w[0]} .. {w[1]}, "
               f"baselines: {result['baseline_mode']}")
    for d in run_dirs:
        out.append(f"  run: {d}")
    out.append("Violent events = ACLED Battles + Violence against civilians + "
               "Explosions/Remote violence (Strategic developments excluded).")
    out.append("")
    out.append("Region-year comparison (9 regions x years)")
    rows = []
    for quantity in ("events", "fatalities"):
        block = result["region_year"][quantity]
        for metric, digits in (("spearman", 3), ("log_mae", 3), ("total", 0)):
            rows.append([f"{quantity} {metric}", fmt(block["model"][metric], digits),
                         fmt(block["persistence"][metric], digits),
                         fmt(block["trend"][metric], digits),
                         fmt(block["observed_total"], 0) if metric == "total" else ""])
    out.append(table(["metric", "model", "persistence", "trend", "observed"], rows))
    out.append("(Spearman: higher is better; log-MAE = mean |ln(1+sim) - ln(1+obs)|: lower is better)")

    for quantity in ("events", "fatalities"):
        out.append("")
        out.append(f"National yearly totals: {quantity}")
        nat = result["national"][quantity]
        rows = [[str(r["year"]), fmt(r["observed"]), fmt(r["model"]),
                 f"{fmt(r['model_p5'])}-{fmt(r['model_p95'])}", fmt(r["persistence"]),
                 fmt(r["trend"])] for r in nat["years"]]
        rows.append(["log-MAE", "", fmt(nat["log_mae"]["model"], 3), "",
                     fmt(nat["log_mae"]["persistence"], 3), fmt(nat["log_mae"]["trend"], 3)])
        out.append(table(["year", "observed", "model", "model 5-95%", "persistence", "trend"],
                         rows))

    for quantity in ("events", "fatalities"):
        out.append("")
        out.append(f"Regional shares of the window's {quantity} (%)")
        sh = result["shares"][quantity]
        rows = [[r, fmt(100 * v["observed"], 1), fmt(100 * v["model"], 1),
                 fmt(100 * v["persistence"], 1), fmt(100 * v["trend"], 1)]
                for r, v in sh["by_region"].items()]
        rows.append(["distance", "", fmt(sh["distance"]["model"], 3),
                     fmt(sh["distance"]["persistence"], 3), fmt(sh["distance"]["trend"], 3)])
        out.append(table(["region", "observed", "model", "persistence", "trend"], rows))
        out.append("(distance = half the sum of |share - observed share|, 0 = identical, "
                   "1 = disjoint)")

    titles = {
        "minusma_malicious_fatalities": "MINUSMA fatalities from malicious acts per year",
        "refugees_abroad_year_end": "Malian refugees abroad at year end (UNHCR)",
        "idps_year_end": "IDPs in Mali at year end (UNHCR)",
    }
    for name, block in result["scalars"].items():
        out.append("")
        title = titles.get(name) or (
            f"Malian refugees in {name.split('_')[2]} at year end (UNHCR)")
        out.append(title)
        rows = [[str(r["year"]), fmt(r["observed"]), fmt(r["model"]),
                 f"{fmt(r['model_p5'])}-{fmt(r['model_p95'])}", fmt(r["persistence"]),
                 fmt(r["trend"])] for r in block["years"]]
        err = block["log_mae"]
        rows.append(["log-MAE", "", fmt(err["model"], 3), "", fmt(err["persistence"], 3),
                     fmt(err["trend"], 3)])
        out.append(table(["year", "observed", "model", "model 5-95%", "persistence", "trend"],
                         rows))

    out.append("")
    out.append("Verdict: model against the model-free baselines")
    rows = []
    for v in result["verdicts"]:
        def yn(flag):
            return "-" if flag is None else ("yes" if flag else "NO")
        rows.append([v["metric"], fmt(v["model"], 3), fmt(v["persistence"], 3), fmt(v["trend"], 3),
                     yn(v["beats_persistence"]), yn(v["beats_trend"])])
    out.append(table(["metric", "model", "persistence", "trend", "beats persistence",
                      "beats trend"], rows))
    losing = [v["metric"] for v in result["verdicts"] if v["beats_persistence"] is False]
    out.append("")
    if losing:
        out.append(f"THE MODEL DOES NOT BEAT PERSISTENCE on {len(losing)} of "
                   f"{len(result['verdicts'])} metrics:")
        for m in losing:
            out.append(f"  - {m}")
    else:
        out.append("The model beats persistence on every metric above.")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Compare peacesim Mali runs with ACLED, MINUSMA and UNHCR data (2012-2016), "
                    "beside persistence and trend baselines.")
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR", help="run folders (an ensemble)")
    parser.add_argument("--from", dest="start", default="2012-01-01",
                        help="first day of the window (default 2012-01-01; a 1 January)")
    parser.add_argument("--to", dest="end", default="2016-12-31",
                        help="last day of the window (default 2016-12-31; a 31 December, "
                             "at most 2016-12-31)")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--observed-dir", default=os.path.join(ROOT, "data", "observed"),
                        help="folder of the observed files (default data/observed)")
    parser.add_argument("--cells", action="store_true",
                        help="also print every region-year: observed, model, persistence, trend")
    parser.add_argument("--baseline", choices=("rolling", "frozen"), default="rolling",
                        help="rolling: baselines from the year(s) just before each year "
                             "(default); frozen: from the years before the window only")
    return parser.parse_args(argv)


def window(args):
    try:
        start = dt.date.fromisoformat(args.start)
        end = dt.date.fromisoformat(args.end)
    except ValueError as err:
        raise InputError("<command line>", 0, f"--from/--to: {err}") from None
    if (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
        raise InputError("<command line>", 0,
                         "--from must be a 1 January and --to a 31 December (the metrics are "
                         "per whole year)")
    if end < start:
        raise InputError("<command line>", 0, "--to is before --from")
    if end > OBSERVED_END:
        raise InputError("<command line>", 0,
                         f"--to {end} is after {OBSERVED_END}: observations stop there on "
                         "purpose (data/README.md)")
    return start, end


def cells_report(result):
    """Every region-year of events and fatalities: observed, model (ensemble mean), baselines."""
    out = []
    for quantity in ("events", "fatalities"):
        out.append("")
        out.append(f"Region-years: {quantity}")
        out.append(f"{'region':<11} {'year':>4} {'observed':>9} {'model':>9} {'persistence':>11} {'trend':>7}")
        for c in result["region_year"][quantity]["cells"]:
            out.append(f"{c['region']:<11} {c['year']:>4} {c['observed']:>9,} {c['model']:>9,.1f} "
                       f"{c['persistence']:>11,} {c['trend']:>7,}")
    return "\n".join(out)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        start, end = window(args)
        observed = load_observed(args.observed_dir)
        runs = [load_run(d, start, end) for d in args.runs]
    except InputError as err:
        print(f"validate.py: error: {err}", file=sys.stderr)
        return 2
    result = compare(runs, observed, start, end, args.baseline)
    result["run_dirs"] = [os.path.abspath(d) for d in args.runs]
    print(report(result, args.runs))
    if args.cells:
        print(cells_report(result))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
