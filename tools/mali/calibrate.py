#!/usr/bin/env python3
"""Calibrate a few parameters of the Mali scenario on 2012-2016 by a seeded random search.

Usage (from the repository root):

    python3 tools/mali/calibrate.py [--candidates 40] [--seeds 3] [--scale 1000] [--rng-seed 2012]
                                    [--recheck 5] [--recheck-seeds 5]
                                    [--param NAME=LO:HI[:log|:lin] ...] [--out-dir runs/calibration]
                                    [--binary build/release/peacesim]
                                    [--scenario scenarios/mali/mali.yaml]

Procedure (docs/calibration.md):

1. The search space: by default the parameters in DEFAULT_SPACE below, each over the search range
   given there, clipped to the range the model declares (read from `peacesim describe --format
   json`; the hard-coded ranges are used if that fails). --param replaces the whole default space.
   Ranges spanning more than a factor 20 are searched on a log scale.
2. Candidate 0 is the scenario as it stands (the values in force); candidates 1..N are drawn
   uniformly (or log-uniformly) from the space with Python's random.Random(rng_seed): the same
   command always draws the same candidates.
3. Each candidate is run for seeds 1..S (the same seeds for every candidate: common random
   numbers) at --scale, one run at a time; runs go to a temporary folder and are deleted.
4. Its ensemble mean is scored on the calibration window 2012-01-01..2016-12-31 only:

       loss = logMAE(events by region-year) + logMAE(fatalities by region-year)
              + mean over years |ln(1 + refugees + IDPs at year end, model) - ln(1 + same, UNHCR)|

   (violent ACLED event types; tools/mali/validate.py computes every piece). The same loss
   for the persistence baseline is printed for reference.
5. Re-check: a loss from a few seeds is noisy, so the search's minimum is partly luck. The best
   --recheck candidates (default 5) and the scenario as it stands are run again on fresh seeds
   S+1..S+N (--recheck-seeds, default 5) and the winner is chosen on that fresh-seed loss. If
   the scenario as it stands wins, the tool says so.
6. Writes OUT_DIR/candidates.csv (every candidate, its values, loss and components, sorted by
   candidate number) and OUT_DIR/best_parameters.yaml (a `parameters:` section with the best
   candidate's values, each with its unit and a source naming this procedure).

Observations after 2016-12-31 are never read (validate.py refuses them).
Exit codes: 0 success; 2 bad input or peacesim failing. Standard library only.
"""

import argparse
import csv
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import validate  # noqa: E402
from patterns import DEFAULT_BINARY, DEFAULT_SCENARIO, run_peacesim  # noqa: E402
from validate import InputError  # noqa: E402

START, END = dt.date(2012, 1, 1), dt.date(2016, 12, 31)

# name: (search low, search high, kind). The search ranges sit inside the declared ranges
# (peacesim describe) around the defaults, so that most draws are plausible; every one is
# clipped to the declared range at run time. Kinds: real or integer.
DEFAULT_SPACE = {
    "strategy_attack_rate": (0.002, 0.05, "real"),        # guerrilla attacks /(100 fighters·day)
    "civilians_guerrilla_rate": (0.001, 0.03, "real"),    # attacks on civilians /(100 fighters·day)
    "forces_raid_rate": (0.004, 0.1, "real"),             # raids /(1000 troops·day)
    "mobilization_absorb_share": (0.005, 0.15, "real"),   # recruits a month / fighters
    "flight_tolerance_days": (5.0, 200.0, "real"),        # mean days of violence endured
    "flight_leaving_share": (0.05, 0.9, "real"),          # share of people who can ever leave
    "displacement_return_chance": (0.01, 0.3, "real"),    # chance a day of going home
    "combat_attrition": (0.003, 0.05, "real"),            # battle casualties per enemy fighter-day
    "forces_speed_km": (50.0, 400.0, "real"),             # km a day of an offensive column
}
LOG_RATIO = 20  # a range hi/lo above this is searched on a log scale


def describe_parameters(binary, scenario):
    """{name: describe entry} from `peacesim describe --format json`, or None if unavailable."""
    try:
        done = subprocess.run([binary, "describe", scenario, "--format", "json"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return None
        data = json.loads(done.stdout)
        return {p["name"]: p for p in data["parameters"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def parse_param(text):
    """NAME=LO:HI[:log|:lin] -> (name, lo, hi, scale)."""
    try:
        name, spec = text.split("=", 1)
        parts = spec.split(":")
        lo, hi = float(parts[0]), float(parts[1])
        scale = parts[2] if len(parts) > 2 else None
    except (ValueError, IndexError):
        raise InputError("<command line>", 0,
                         f"--param {text!r}: expected NAME=LO:HI[:log|:lin]") from None
    if scale not in (None, "log", "lin") or len(parts) > 3:
        raise InputError("<command line>", 0, f"--param {text!r}: scale must be log or lin")
    if not lo < hi:
        raise InputError("<command line>", 0, f"--param {text!r}: LO must be below HI")
    if scale == "log" and lo <= 0:
        raise InputError("<command line>", 0, f"--param {text!r}: a log scale needs LO > 0")
    return name.strip(), lo, hi, scale


def build_space(params, declared):
    """[(name, lo, hi, log?, integer?, unit, value in force)] checked against the model's list."""
    space = []
    for name, lo, hi, scale, kind in params:
        unit, current = None, None
        if declared is not None:
            if name not in declared:
                raise InputError("<command line>", 0, f"the model has no parameter {name!r}")
            entry = declared[name]
            if entry.get("kind") == "boolean":
                raise InputError("<command line>", 0, f"{name} is a switch, not searched")
            rlo, rhi = entry["range"]
            lo, hi = max(lo, rlo), min(hi, rhi)
            if not lo < hi:
                raise InputError("<command line>", 0,
                                 f"{name}: search range outside the declared range {rlo}..{rhi}")
            kind = "integer" if entry.get("kind") == "integer" else "real"
            unit, current = entry.get("unit"), entry.get("value")
        if scale is None:
            scale = "log" if lo > 0 and hi / lo > LOG_RATIO else "lin"
        space.append({"name": name, "lo": lo, "hi": hi, "log": scale == "log",
                      "integer": kind == "integer", "unit": unit, "current": current})
    return space


def draw(space, rng):
    values = {}
    for p in space:
        u = rng.random()
        if p["log"]:
            v = math.exp(math.log(p["lo"]) + u * (math.log(p["hi"]) - math.log(p["lo"])))
        else:
            v = p["lo"] + u * (p["hi"] - p["lo"])
        values[p["name"]] = round(v) if p["integer"] else float(f"{v:.4g}")
    return values


def loss_of(result, observed_total=None):
    """(loss, components) from a validate.compare() result (ensemble mean)."""
    ev = result["region_year"]["events"]["model"]["log_mae"]
    fa = result["region_year"]["fatalities"]["model"]["log_mae"]
    ref = result["scalars"]["refugees_abroad_year_end"]["years"]
    idp = result["scalars"]["idps_year_end"]["years"]
    errors = []
    for r, i in zip(ref, idp):
        if r["model"] is None or i["model"] is None:
            continue
        errors.append(abs(math.log1p(r["model"] + i["model"])
                          - math.log1p(r["observed"] + i["observed"])))
    disp = sum(errors) / len(errors) if errors else float("nan")
    return ev + fa + disp, {"events_log_mae": ev, "fatalities_log_mae": fa,
                            "displaced_log_error": disp}


def persistence_loss(result):
    """The same loss for the persistence baseline, for reference."""
    ev = result["region_year"]["events"]["persistence"]["log_mae"]
    fa = result["region_year"]["fatalities"]["persistence"]["log_mae"]
    ref = result["scalars"]["refugees_abroad_year_end"]["years"]
    idp = result["scalars"]["idps_year_end"]["years"]
    disp = sum(abs(math.log1p(r["persistence"] + i["persistence"])
                   - math.log1p(r["observed"] + i["observed"])) for r, i in zip(ref, idp)) / len(ref)
    return ev + fa + disp


def format_value(value):
    return str(int(value)) if isinstance(value, int) else f"{value:.6g}"


def evaluate(args, values, observed, tmp, tag, seeds):
    """Run one candidate over the seeds; return the validate.compare() result."""
    runs = []
    sets = [f"parameters.{k}={format_value(v)}" for k, v in values.items()]
    for seed in seeds:
        out = os.path.join(tmp, f"{tag}_seed{seed}")
        run_peacesim(args.binary, args.scenario, seed, f"{args.scale:g}", out, sets)
        runs.append(validate.load_run(out, START, END))
        shutil.rmtree(out, ignore_errors=True)
    return validate.compare(runs, observed, START, END)


def write_yaml(path, best, space, args, loss, base_loss, pers_loss, recheck=None):
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    command = (f"python3 tools/mali/calibrate.py --candidates {args.candidates} --seeds {args.seeds} "
               f"--scale {args.scale:g} --rng-seed {args.rng_seed}")
    lines = [
        f"# Best candidate of a random search by tools/mali/calibrate.py ({stamp}):",
        f"#   {command}",
        f"# Window 2012-01-01..2016-12-31; seeds 1..{args.seeds}; loss {loss:.4f} "
        f"(scenario as it stood: {base_loss:.4f}; persistence baseline: {pers_loss:.4f}).",
    ]
    if recheck is not None:
        lines.append(f"# On fresh seeds {args.seeds + 1}..{args.seeds + args.recheck_seeds}: loss "
                     f"{recheck[0]:.4f} (scenario as it stood: {recheck[1]:.4f}).")
    lines += [
        "# Loss = logMAE(events by region-year) + logMAE(fatalities by region-year)",
        "#        + mean |ln(1 + refugees + IDPs at year end) error| (docs/calibration.md).",
        "# Use: put these entries under the scenario's `parameters:` section, or in a variant",
        "# (docs/scenario-format.md) with `base:` pointing at scenarios/mali/mali.yaml.",
        "parameters:",
    ]
    source = (f"tools/mali/calibrate.py random search on 2012-2016 ({args.candidates} candidates, "
              f"seeds 1-{args.seeds}, scale {args.scale:g}, rng seed {args.rng_seed}; "
              f"loss {loss:.3f}); docs/calibration.md")
    for p in space:
        entry = f"value: {format_value(best[p['name']])}"
        if p["unit"] is not None:
            entry += ", unit: " + json.dumps(p["unit"], ensure_ascii=False)
        entry += ", source: " + json.dumps(source, ensure_ascii=False)
        lines.append(f"  {p['name']}: {{{entry}}}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Random-search calibration of the Mali scenario on 2012-2016 "
                    "(docs/calibration.md).")
    parser.add_argument("--candidates", type=int, default=40,
                        help="random candidates besides the scenario as it stands (default 40)")
    parser.add_argument("--seeds", type=int, default=3, help="seeds 1..S per candidate (default 3)")
    parser.add_argument("--scale", type=float, default=1000, help="people per agent (default 1000)")
    parser.add_argument("--rng-seed", type=int, default=2012,
                        help="seed of the search's own random draws (default 2012)")
    parser.add_argument("--recheck", type=int, default=5,
                        help="re-run the best K candidates (and the scenario as it stands) on "
                             "fresh seeds and choose on those (default 5; 0 = off)")
    parser.add_argument("--recheck-seeds", type=int, default=5,
                        help="how many fresh seeds (S+1..S+N) the re-check uses (default 5)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=LO:HI[:log|:lin]",
                        help="search this parameter over LO..HI (repeatable; replaces the "
                             "default space)")
    parser.add_argument("--out-dir", default=os.path.join(ROOT, "runs", "calibration"),
                        help="where to write candidates.csv and best_parameters.yaml "
                             "(default runs/calibration)")
    parser.add_argument("--binary", default=DEFAULT_BINARY, help="peacesim executable")
    parser.add_argument("--scenario", default=DEFAULT_SCENARIO, help="scenario file")
    parser.add_argument("--observed-dir", default=os.path.join(ROOT, "data", "observed"),
                        help="folder of the observed files (default data/observed)")
    args = parser.parse_args(argv)
    if args.candidates < 0 or args.seeds < 1 or args.recheck < 0 or args.recheck_seeds < 1:
        parser.error("--candidates and --recheck must be >= 0, --seeds and --recheck-seeds >= 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if not os.access(args.binary, os.X_OK):
            raise InputError(args.binary, 0, "peacesim executable not found (--binary)")
        declared = describe_parameters(args.binary, args.scenario)
        if declared is None:
            print("calibrate.py: warning: `peacesim describe --format json` failed; using the "
                  "hard-coded search ranges unchecked", file=sys.stderr)
        if args.param:
            params = [(n, lo, hi, s, "real") for n, lo, hi, s in map(parse_param, args.param)]
        else:
            params = [(n, lo, hi, None, kind) for n, (lo, hi, kind) in DEFAULT_SPACE.items()]
        space = build_space(params, declared)
        observed = validate.load_observed(args.observed_dir)
    except InputError as err:
        print(f"calibrate.py: error: {err}", file=sys.stderr)
        return 2

    rng = random.Random(args.rng_seed)
    candidates = [{p["name"]: p["current"] for p in space}]
    if any(v is None for v in candidates[0].values()):
        candidates = [None]  # values in force unknown: run the scenario without --set
    candidates += [draw(space, rng) for _ in range(args.candidates)]

    print(f"calibrate.py: {len(candidates)} candidates x {args.seeds} seeds at scale "
          f"{args.scale:g}, window {START}..{END}, rng seed {args.rng_seed}")
    for p in space:
        print(f"  {p['name']}: {format_value(p['lo'])}..{format_value(p['hi'])} "
              f"({'log' if p['log'] else 'linear'}; in force: {p['current']})")
    os.makedirs(args.out_dir, exist_ok=True)
    results = []
    best = None
    began = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="peacesim_calibrate_")
    try:
        for number, values in enumerate(candidates):
            result = evaluate(args, values or {}, observed, tmp, f"c{number}",
                              range(1, args.seeds + 1))
            loss, parts = loss_of(result)
            if number == 0:
                pers = persistence_loss(result)
                print(f"  persistence baseline: loss {pers:.4f}")
            row = {"candidate": number, **{p["name"]: (values or {}).get(p["name"])
                                           for p in space},
                   "loss": loss, **parts,
                   "events_spearman": result["region_year"]["events"]["model"]["spearman"],
                   "fatalities_spearman":
                       result["region_year"]["fatalities"]["model"]["spearman"]}
            results.append(row)
            if best is None or loss < best["loss"]:
                best = row
            elapsed = time.monotonic() - began
            print(f"  [{number + 1}/{len(candidates)}] candidate {number}"
                  f"{' (scenario as it stands)' if number == 0 else ''}: loss {loss:.4f} "
                  f"(events {parts['events_log_mae']:.3f}, fatalities "
                  f"{parts['fatalities_log_mae']:.3f}, displaced {parts['displaced_log_error']:.3f})"
                  f"  best {best['loss']:.4f} (#{best['candidate']})  {elapsed:.0f} s", flush=True)
        # Step 5: the search's best are partly lucky draws of the seeds; re-run the top
        # candidates (and the scenario as it stands) on fresh seeds and choose on those.
        if args.recheck > 0:
            fresh = range(args.seeds + 1, args.seeds + args.recheck_seeds + 1)
            ranked = sorted(results, key=lambda r: r["loss"])[:args.recheck]
            if results[0] not in ranked:
                ranked.append(results[0])
            print(f"re-checking {len(ranked)} candidates on fresh seeds "
                  f"{fresh.start}..{fresh.stop - 1}")
            for row in results:
                row["recheck_loss"] = None
            for row in ranked:
                values = candidates[row["candidate"]]
                result = evaluate(args, values or {}, observed, tmp, f"r{row['candidate']}",
                                  fresh)
                row["recheck_loss"], _ = loss_of(result)
                print(f"  candidate {row['candidate']}: search loss {row['loss']:.4f}, "
                      f"fresh-seed loss {row['recheck_loss']:.4f}", flush=True)
            best = min(ranked, key=lambda r: r["recheck_loss"])
    except InputError as err:
        print(f"calibrate.py: error: {err}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    csv_path = os.path.join(args.out_dir, "candidates.csv")
    with open(csv_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(results[0].keys()))
        writer.writeheader()
        for row in results:
            writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v)
                             for k, v in row.items()})
    yaml_path = os.path.join(args.out_dir, "best_parameters.yaml")
    best_values = {p["name"]: best[p["name"]] for p in space}
    if any(v is None for v in best_values.values()):
        print("calibrate.py: the scenario as it stands is best; no parameters to write")
    else:
        recheck = None
        if best.get("recheck_loss") is not None:
            recheck = (best["recheck_loss"], results[0]["recheck_loss"])
        write_yaml(yaml_path, best_values, space, args, best["loss"], results[0]["loss"], pers,
                   recheck)
        print(f"wrote {yaml_path}")
    print(f"wrote {csv_path}")
    print(f"best: candidate {best['candidate']}, loss {best['loss']:.4f} (scenario as it "
          f"stands {results[0]['loss']:.4f}, persistence {pers:.4f})")
    for p in space:
        print(f"  {p['name']} = {format_value(best[p['name']]) if best[p['name']] is not None else '-'}"
              f"  (in force: {p['current']})")
    if best.get("recheck_loss") is not None:
        print(f"chosen on fresh seeds: loss {best['recheck_loss']:.4f} (scenario as it stands: "
              f"{results[0]['recheck_loss']:.4f})")
        if best["candidate"] == 0:
            print("No candidate beats the scenario as it stands on fresh seeds: keep its values.")
    if best["loss"] >= pers:
        print("The best candidate does NOT beat the persistence baseline on this loss.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
