#!/usr/bin/env python3
"""Agreement test and speed comparison: peacesim's Mesa variant of Epstein's civil violence
model against Mesa 3.3.1's own example (MODEL.md section 7, project issue 3).

Agreement (default mode): runs both implementations over the same N seeds (default 30) at two
settings, 40x40 torus and 100 steps unless told otherwise:
  mesa_defaults  cop_density=0.074 legitimacy=0.8  max_jail_term=1000  (Mesa's example defaults)
  netlogo_like   cop_density=0.04  legitimacy=0.82 max_jail_term=30    (NetLogo Rebellion's values)
and from every run computes three statistics:
  mean_active   mean number of active citizens over steps 1..N
  peak_active   largest number of active citizens over steps 1..N
  final_jailed  number of jailed citizens after step N
The two implementations use different random number generators, so runs cannot match seed by
seed; what must match are the distributions over seeds. Each statistic's two samples are
compared with a two-sample Kolmogorov-Smirnov test and a Mann-Whitney U test (scipy.stats).
A row "differs" when either p-value is below the threshold; by default the threshold is
Bonferroni-corrected over every test in the family (settings x statistics x 2 tests), since
with 12 tests at 0.05 a false "differs" somewhere would otherwise be likely (~46%).
"agrees" means no difference detectable with this many seeds, not proof of equality.

Speed (--speed): side by side on one thread, Mesa's DataCollector off, 40x40 and 100x100 for 100
steps, repetitions interleaved (default 5 of each) so that machine noise hits both sides alike;
reports medians of the step time (Mesa: timed around its step loop; peacesim: manifest.json
timings.steps_seconds) and of whole-process wall time, and the ratios Mesa/peacesim.

Exit codes: 0 done (or skipped because Mesa is not set up, or scipy is unavailable: the message
says which); 1 peacesim binary missing or a run failed; with --fail-on-differ, 3 if any primary
statistic differs.

peacesim contract used here (see the engine/CLI work):
  peacesim run SCENARIO --seed S --out DIR --set key=value ... --set calendar.steps=N --quiet
      [--threads 1]     (DIR must not exist yet; a bare key means parameters.key)
  DIR/timeseries.csv: long format, header date,step,region,series,value; region "all";
      series quiet, active, jailed, cops; step 0 is the initial state, then steps 1..N.
  DIR/manifest.json: timings.steps_seconds = wall time of the steps alone.

Mesa side: tools/peers/mesa/run.sh (set up once with tools/peers/mesa/setup.sh).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import csv
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MESA_RUN = Path(__file__).resolve().parent / "mesa" / "run.sh"
DEFAULT_SCENARIO = "scenarios/examples/epstein_mesa.yaml"
DEFAULT_PEACESIM = "build/release/peacesim"

# The same keys are given to both sides: Mesa's model keywords and peacesim's --set keys agree.
SETTINGS = {
    "mesa_defaults": {"cop_density": 0.074, "legitimacy": 0.8, "max_jail_term": 1000},
    "netlogo_like": {"cop_density": 0.04, "legitimacy": 0.82, "max_jail_term": 30},
}
PRIMARY_STATISTICS = ("mean_active", "peak_active", "final_jailed")
# Initial agent counts follow from the density draws alone; a mismatch there points at placement.
SANITY_STATISTICS = ("citizens", "cops")
REEXEC_MARK = "PEACESIM_COMPARE_REEXEC"


class RunError(RuntimeError):
    """A peer or peacesim run failed; the message carries the command and its stderr tail."""


# ----------------------------------------------------------------------------- environment

def mesa_cache_dir() -> Path:
    """Where tools/peers/mesa/setup.sh unpacked Mesa (same rule as run.sh)."""
    if os.environ.get("MESA_PEER_CACHE"):
        return Path(os.environ["MESA_PEER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "peacesim-peers" / "mesa"


def read_env_sh(path: Path) -> dict[str, str]:
    """The export NAME="value" lines that setup.sh writes."""
    env = {}
    for line in path.read_text().splitlines():
        m = re.match(r'\s*export\s+([A-Za-z_][A-Za-z0-9_]*)="?(.*?)"?\s*$', line)
        if m:
            env[m.group(1)] = m.group(2)
    return env


def scipy_stats():
    try:
        from scipy import stats  # noqa: PLC0415 (optional dependency)
        return stats
    except ImportError:
        return None


def reexec_with_cached_scipy_if_needed() -> None:
    """If this Python has no scipy but the Mesa cache holds Debian's python3-scipy, restart this
    script under Debian's python3.11 (the interpreter those packages are built for) with the
    cache on its path. Nothing is installed; without either, the statistical part is skipped."""
    if scipy_stats() is not None or os.environ.get(REEXEC_MARK):
        return
    env_sh = mesa_cache_dir() / "env.sh"
    python = os.environ.get("MESA_PEER_PYTHON", "/usr/bin/python3.11")
    if not env_sh.is_file() or not os.access(python, os.X_OK):
        return
    env = dict(os.environ)
    env.update(read_env_sh(env_sh))
    env[REEXEC_MARK] = "1"
    os.execve(python, [python, str(Path(__file__).resolve()), *sys.argv[1:]], env)


# ----------------------------------------------------------------------------- running

def run_command(cmd: list[str], cwd: Path | None = None) -> tuple[str, float]:
    """Run cmd, return (stdout, wall seconds of the whole process); raise RunError on failure."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RunError(f"command failed (exit {proc.returncode}): {' '.join(cmd)}\n{tail}")
    return proc.stdout, wall


def summarize_series(active: list[float], jailed: list[float], steps: int) -> dict:
    """The three primary statistics from per-step series indexed 0..steps (0 = initial state)."""
    return {
        "mean_active": sum(active[1:steps + 1]) / steps,
        "peak_active": max(active[1:steps + 1]),
        "final_jailed": jailed[steps],
    }


def run_mesa(params: dict, seed: int, width: int, height: int, steps: int,
             series: bool) -> dict:
    cmd = [str(MESA_RUN), "--width", str(width), "--height", str(height), "--steps", str(steps),
           "--seed", str(seed), "--collect", "off", "--series", "on" if series else "off"]
    cmd += [f"{k}={v}" for k, v in params.items()]
    out, wall = run_command(cmd)
    lines = [ln for ln in out.splitlines() if ln.strip().startswith("{")]
    if not lines:
        raise RunError(f"Mesa printed no JSON line: {' '.join(cmd)}\n{out[-2000:]}")
    rec = json.loads(lines[-1])
    result = {
        "seed": seed, "steps_seconds": rec["seconds"], "process_seconds": round(wall, 6),
        "citizens": rec["citizens"], "cops": rec["cops"],
    }
    if series:
        s = rec["series"]
        result["series"] = {"active": s["active"], "jailed": s["jailed"], "quiet": s["quiet"]}
        result.update(summarize_series(s["active"], s["jailed"], steps))
    return result


def read_peacesim_timeseries(path: Path, steps: int) -> dict[str, list[float]]:
    """Long-format timeseries.csv -> {series: [value at step 0..steps]} for region "all"."""
    wanted = {"quiet", "active", "jailed", "cops"}
    by_series: dict[str, dict[int, float]] = {name: {} for name in wanted}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"step", "region", "series", "value"} - set(reader.fieldnames or [])
        if missing:
            raise RunError(f"{path}: header lacks {sorted(missing)} (has {reader.fieldnames})")
        for row in reader:
            if row["region"] != "all" or row["series"] not in wanted:
                continue
            by_series[row["series"]][int(row["step"])] = float(row["value"])
    out = {}
    for name, values in by_series.items():
        absent = [s for s in range(steps + 1) if s not in values]
        if absent:
            raise RunError(f"{path}: series {name!r} (region all) lacks steps "
                           f"{absent[:5]}{'...' if len(absent) > 5 else ''} of 0..{steps}")
        beyond = sorted(s for s in values if s > steps)
        if beyond:
            raise RunError(f"{path}: series {name!r} runs to step {beyond[-1]}, not {steps}: "
                           "the requested number of steps was not applied")
        out[name] = [values[s] for s in range(steps + 1)]
    return out


def run_peacesim(binary: Path, scenario: Path, params: dict, seed: int, width: int, height: int,
                 steps: int, workdir: Path, threads: int | None, keep: bool) -> dict:
    outdir = workdir / f"seed{seed}_{width}x{height}_{os.getpid()}_{time.monotonic_ns()}"
    # A bare NAME=VALUE is parameters.NAME for peacesim's --set; the number of steps is a
    # calendar field (calendar.steps), not a model parameter, so it is set by its full path.
    sets = dict(params, width=width, height=height)
    sets["calendar.steps"] = steps
    cmd = [str(binary), "run", str(scenario), "--seed", str(seed), "--out", str(outdir)]
    for k, v in sets.items():
        cmd += ["--set", f"{k}={v}"]
    cmd.append("--quiet")
    if threads is not None:
        cmd += ["--threads", str(threads)]
    _, wall = run_command(cmd, cwd=REPO_ROOT)
    try:
        ts = read_peacesim_timeseries(outdir / "timeseries.csv", steps)
        steps_seconds = None
        manifest = outdir / "manifest.json"
        if manifest.is_file():
            steps_seconds = json.loads(manifest.read_text()).get("timings", {}).get("steps_seconds")
        result = {
            "seed": seed, "steps_seconds": steps_seconds, "process_seconds": round(wall, 6),
            "citizens": ts["quiet"][0] + ts["active"][0] + ts["jailed"][0], "cops": ts["cops"][0],
            "series": {"active": ts["active"], "jailed": ts["jailed"], "quiet": ts["quiet"]},
        }
        result.update(summarize_series(ts["active"], ts["jailed"], steps))
        if keep:
            result["out_dir"] = str(outdir)
        return result
    finally:
        if not keep:
            shutil.rmtree(outdir, ignore_errors=True)


def parallel_map(fn, items, jobs: int, label: str):
    """Run fn over items with up to `jobs` processes in flight, printing progress to stderr."""
    results = [None] * len(items)
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(fn, item): i for i, item in enumerate(items)}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut]] = fut.result()
            done += 1
            print(f"\r  {label}: {done}/{len(items)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return results


# ----------------------------------------------------------------------------- statistics

def mean_sd(values: list[float]) -> tuple[float, float]:
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def two_sample_tests(stats, a: list[float], b: list[float]) -> dict:
    """KS and Mann-Whitney U p-values. Two samples holding one and the same value throughout
    cannot differ: scipy's MWU answers NaN there (zero variance), so report p=1."""
    if len(set(a) | set(b)) == 1:
        return {"ks_stat": 0.0, "ks_p": 1.0, "mwu_stat": len(a) * len(b) / 2, "mwu_p": 1.0,
                "note": "both samples constant and equal"}
    with warnings.catch_warnings(record=True) as caught:
        # e.g. ks_2samp falling back from the exact to the asymptotic p-value on ties: kept in
        # the JSON row rather than printed in the middle of the table.
        warnings.simplefilter("always")
        ks = stats.ks_2samp(a, b)
        mwu = stats.mannwhitneyu(a, b, alternative="two-sided")
    row = {"ks_stat": float(ks.statistic), "ks_p": float(ks.pvalue),
           "mwu_stat": float(mwu.statistic), "mwu_p": float(mwu.pvalue)}
    if caught:
        row["note"] = "; ".join(sorted({str(w.message) for w in caught}))
    return row


def fmt_ms(values: list[float]) -> str:
    m, s = mean_sd(values)
    return f"{m:.4g}±{s:.3g}"


# ----------------------------------------------------------------------------- modes

def load_reusable_mesa_runs(path: Path | None) -> dict:
    """Mesa runs from an earlier output JSON, keyed by (params, size, steps, seed). Mesa is
    deterministic for a seed, so a rerun against a new peacesim build need not repeat them."""
    if path is None:
        return {}
    data = json.loads(path.read_text())
    table = {}
    for setting in data.get("settings", {}).values():
        cfg = setting["config"]
        for run in setting.get("mesa_runs", []):
            if "series" in run:
                table[run_key(cfg["params"], cfg["width"], cfg["height"], cfg["steps"],
                              run["seed"])] = run
    return table


def run_key(params, width, height, steps, seed):
    return (json.dumps(params, sort_keys=True), width, height, steps, seed)


def agreement(args, stats, peacesim: Path | None, scenario: Path) -> int:
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    setting_names = args.settings
    reusable = load_reusable_mesa_runs(args.reuse_mesa)
    family = len(setting_names) * len(PRIMARY_STATISTICS) * 2  # two tests per statistic
    threshold = args.alpha / family if args.bonferroni else args.alpha
    report = {
        "tool": "tools/peers/compare_epstein_mesa.py", "mode": "agreement",
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "argv": sys.argv[1:], "seeds": seeds,
        "mesa": {"run_sh": str(MESA_RUN), "cache": str(mesa_cache_dir())},
        "peacesim": None if peacesim is None else {"binary": str(peacesim),
                                                   "scenario": str(scenario)},
        "alpha": args.alpha, "bonferroni": args.bonferroni, "tests_in_family": family,
        "per_test_threshold": threshold, "settings": {},
    }
    workdir = Path(tempfile.mkdtemp(prefix="compare_epstein_mesa_"))
    try:
        for name in setting_names:
            params = SETTINGS[name]
            cfg = {"params": params, "width": args.width, "height": args.height,
                   "steps": args.steps}
            print(f"setting {name}: {params}, {args.width}x{args.height}, {args.steps} steps, "
                  f"{len(seeds)} seeds", file=sys.stderr)

            def mesa_one(seed, params=params):
                key = run_key(params, args.width, args.height, args.steps, seed)
                if key in reusable:
                    return reusable[key]
                return run_mesa(params, seed, args.width, args.height, args.steps, series=True)

            mesa_runs = parallel_map(mesa_one, seeds, args.jobs, "mesa")
            entry = {"config": cfg, "mesa_runs": mesa_runs}
            if peacesim is not None:
                def ps_one(seed, params=params):
                    return run_peacesim(peacesim, scenario, params, seed, args.width,
                                        args.height, args.steps, workdir, None, args.keep_runs)
                entry["peacesim_runs"] = parallel_map(ps_one, seeds, args.jobs, "peacesim")
            entry["statistics"] = {}
            for stat in PRIMARY_STATISTICS + SANITY_STATISTICS:
                m_vals = [r[stat] for r in mesa_runs]
                row = {"primary": stat in PRIMARY_STATISTICS, "mesa_values": m_vals}
                row["mesa_mean"], row["mesa_sd"] = mean_sd(m_vals)
                if peacesim is not None:
                    p_vals = [r[stat] for r in entry["peacesim_runs"]]
                    row["peacesim_values"] = p_vals
                    row["peacesim_mean"], row["peacesim_sd"] = mean_sd(p_vals)
                    row.update(two_sample_tests(stats, m_vals, p_vals))
                    row["differs"] = min(row["ks_p"], row["mwu_p"]) < threshold
                entry["statistics"][stat] = row
            report["settings"][name] = entry
    finally:
        if not args.keep_runs:
            shutil.rmtree(workdir, ignore_errors=True)

    # ---- table
    print()
    if peacesim is None:
        print("Mesa only (no peacesim runs, no tests)")
        print(f"{'setting':<14} {'statistic':<13} {'Mesa mean±sd':>16}  min..max")
        for name, entry in report["settings"].items():
            for stat, row in entry["statistics"].items():
                v = row["mesa_values"]
                print(f"{name:<14} {stat:<13} {fmt_ms(v):>16}  {min(v):g}..{max(v):g}")
    else:
        print(f"Verdict: 'differs' if KS p or MWU p < {threshold:.4g} "
              + (f"(alpha {args.alpha} Bonferroni-corrected over {family} tests)"
                 if args.bonferroni else f"(alpha {args.alpha}, no Bonferroni correction)"))
        print(f"{'setting':<14} {'statistic':<13} {'Mesa mean±sd':>16} {'peacesim mean±sd':>18} "
              f"{'KS p':>8} {'MWU p':>8}  verdict")
        for name, entry in report["settings"].items():
            for stat, row in entry["statistics"].items():
                verdict = ("differs" if row["differs"] else "agrees")
                if not row["primary"]:
                    verdict += " (sanity, not in family)"
                print(f"{name:<14} {stat:<13} {fmt_ms(row['mesa_values']):>16} "
                      f"{fmt_ms(row['peacesim_values']):>18} {row['ks_p']:>8.3g} "
                      f"{row['mwu_p']:>8.3g}  {verdict}")
    any_differs = any(row.get("differs") and row["primary"]
                      for entry in report["settings"].values()
                      for row in entry["statistics"].values())
    report["any_primary_differs"] = any_differs if peacesim is not None else None
    write_report(args.out, report)
    if args.fail_on_differ and any_differs:
        return 3
    return 0


def speed(args, peacesim: Path | None, scenario: Path) -> int:
    params = SETTINGS[args.speed_setting]
    sizes = [tuple(int(x) for x in s.lower().split("x")) for s in args.speed_sizes.split(",")]
    samples = {f"{w}x{h}": {"mesa": [], "peacesim": []} for w, h in sizes}
    workdir = Path(tempfile.mkdtemp(prefix="compare_epstein_mesa_speed_"))
    print(f"speed: setting {args.speed_setting} {params}, {args.speed_steps} steps, "
          f"{args.reps} interleaved repetitions, one thread, Mesa collector off", file=sys.stderr)
    try:
        for rep in range(args.reps):
            seed = args.first_seed + rep
            for w, h in sizes:
                # Alternate who goes first so slow drifts of the machine hit both sides alike.
                order = ["mesa", "peacesim"] if rep % 2 == 0 else ["peacesim", "mesa"]
                for side in order:
                    if side == "mesa":
                        r = run_mesa(params, seed, w, h, args.speed_steps, series=False)
                    elif peacesim is not None:
                        r = run_peacesim(peacesim, scenario, params, seed, w, h, args.speed_steps,
                                         workdir, 1, args.keep_runs)
                        r.pop("series", None)
                    else:
                        continue
                    samples[f"{w}x{h}"][side].append(r)
                    print(f"  rep {rep + 1} {w}x{h} {side}: steps {r['steps_seconds']} s, "
                          f"process {r['process_seconds']:.3f} s", file=sys.stderr)
    finally:
        if not args.keep_runs:
            shutil.rmtree(workdir, ignore_errors=True)

    def med(runs, key):
        vals = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    def ratio(a, b):
        return a / b if a is not None and b else None

    def f(x, spec=".4g"):
        return "n/a" if x is None else format(x, spec)

    summary = {}
    print()
    print(f"{'size':<9} {'Mesa steps s':>12} {'Mesa proc s':>12} {'peacesim steps s':>17} "
          f"{'peacesim proc s':>16} {'ratio steps':>12} {'ratio proc':>11}   (medians of "
          f"{args.reps}; ratio = Mesa/peacesim)")
    for size, sides in samples.items():
        row = {
            "mesa_steps_median": med(sides["mesa"], "steps_seconds"),
            "mesa_process_median": med(sides["mesa"], "process_seconds"),
            "peacesim_steps_median": med(sides["peacesim"], "steps_seconds"),
            "peacesim_process_median": med(sides["peacesim"], "process_seconds"),
            "mesa_runs": sides["mesa"], "peacesim_runs": sides["peacesim"],
        }
        row["ratio_steps"] = ratio(row["mesa_steps_median"], row["peacesim_steps_median"])
        row["ratio_process"] = ratio(row["mesa_process_median"], row["peacesim_process_median"])
        summary[size] = row
        print(f"{size:<9} {f(row['mesa_steps_median']):>12} {f(row['mesa_process_median']):>12} "
              f"{f(row['peacesim_steps_median']):>17} {f(row['peacesim_process_median']):>16} "
              f"{f(row['ratio_steps'], '.1f'):>12} {f(row['ratio_process'], '.1f'):>11}")
    if peacesim is not None and any(r["peacesim_steps_median"] is None for r in summary.values()):
        print("note: peacesim's manifest.json had no timings.steps_seconds; only process times")
    report = {
        "tool": "tools/peers/compare_epstein_mesa.py", "mode": "speed",
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "argv": sys.argv[1:], "setting": args.speed_setting, "params": params,
        "steps": args.speed_steps, "reps": args.reps, "threads": 1, "mesa_collector": "off",
        "peacesim": None if peacesim is None else {"binary": str(peacesim),
                                                   "scenario": str(scenario)},
        "sizes": summary,
    }
    write_report(args.out, report)
    return 0


def write_report(path: Path, report: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {path}")


# ----------------------------------------------------------------------------- main

def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Compare peacesim's Mesa variant of Epstein's civil violence model with "
                    "Mesa 3.3.1's example: distributions over seeds (default) or speed (--speed).")
    p.add_argument("--peacesim", help="peacesim binary (default: $PEACESIM, else "
                   f"{DEFAULT_PEACESIM} under the repository root)")
    p.add_argument("--scenario", default=DEFAULT_SCENARIO,
                   help="peacesim scenario, relative to the repository root unless absolute "
                        "(default: %(default)s)")
    p.add_argument("--seeds", type=int, default=30, help="seeds per setting (default 30)")
    p.add_argument("--first-seed", type=int, default=1)
    p.add_argument("--width", type=int, default=40)
    p.add_argument("--height", type=int, default=40)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--settings", default=",".join(SETTINGS),
                   help=f"comma-separated subset of {', '.join(SETTINGS)} (default: both)")
    p.add_argument("--alpha", type=float, default=0.05)
    p.add_argument("--no-bonferroni", dest="bonferroni", action="store_false",
                   help="compare each p-value with alpha itself")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="runs in flight at once in agreement mode (speed mode: always 1)")
    p.add_argument("--mesa-only", action="store_true",
                   help="run only Mesa's side (no peacesim binary needed, no tests)")
    p.add_argument("--reuse-mesa", type=Path, metavar="JSON",
                   help="take Mesa runs with matching parameters and seeds from an earlier "
                        "output of this script instead of rerunning them")
    p.add_argument("--fail-on-differ", action="store_true",
                   help="exit 3 when any primary statistic differs")
    p.add_argument("--keep-runs", action="store_true",
                   help="keep peacesim's output folders (paths recorded in the JSON)")
    p.add_argument("--out", type=Path, help="JSON report (default: build/compare_epstein_mesa"
                   ".json, or build/compare_epstein_mesa_speed.json with --speed)")
    g = p.add_argument_group("speed mode")
    g.add_argument("--speed", action="store_true", help="time both sides instead")
    g.add_argument("--reps", type=int, default=5, help="interleaved repetitions (default 5)")
    g.add_argument("--speed-sizes", default="40x40,100x100")
    g.add_argument("--speed-steps", type=int, default=100)
    g.add_argument("--speed-setting", choices=list(SETTINGS), default="mesa_defaults")
    a = p.parse_args(argv)
    a.settings = [s.strip() for s in a.settings.split(",") if s.strip()]
    unknown = [s for s in a.settings if s not in SETTINGS]
    if unknown or not a.settings:
        p.error(f"unknown setting(s) {unknown}; choose from {list(SETTINGS)}")
    if a.seeds < 2 and not a.speed and not a.mesa_only:
        p.error("--seeds must be at least 2 for a two-sample test")
    if a.steps < 1 or a.speed_steps < 1 or a.reps < 1 or a.seeds < 1:
        p.error("--steps, --speed-steps, --reps and --seeds must be positive")
    if a.out is None:
        a.out = REPO_ROOT / "build" / ("compare_epstein_mesa_speed.json" if a.speed
                                       else "compare_epstein_mesa.json")
    return a


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.speed and not args.mesa_only:
        reexec_with_cached_scipy_if_needed()

    # 1. Mesa: without it there is nothing to compare against; not an error of this project.
    if not (mesa_cache_dir() / "env.sh").is_file():
        print(f"Mesa peer not set up ({mesa_cache_dir()}/env.sh missing): bring projectmesa/mesa "
              "onto the machine and run tools/peers/mesa/setup.sh GIT_DIR; comparison skipped.")
        return 0

    # 2. peacesim: its absence is an error (build it first), unless only Mesa's side was asked for.
    peacesim = None
    scenario = Path(args.scenario)
    if not scenario.is_absolute():
        scenario = REPO_ROOT / scenario
    if not args.mesa_only:
        given = args.peacesim or os.environ.get("PEACESIM")
        peacesim = Path(given).resolve() if given else REPO_ROOT / DEFAULT_PEACESIM
        if not (peacesim.is_file() and os.access(peacesim, os.X_OK)):
            print(f"peacesim binary not found or not executable: {peacesim} (build it, or pass "
                  "--peacesim / set PEACESIM; --mesa-only runs Mesa's side alone)",
                  file=sys.stderr)
            return 1
        if not scenario.is_file():
            print(f"peacesim scenario not found: {scenario}", file=sys.stderr)
            return 1

    try:
        if args.speed:
            return speed(args, peacesim, scenario)
        # 3. scipy: the tests are scipy's; none are written by hand here.
        stats = None
        if not args.mesa_only:
            stats = scipy_stats()
            if stats is None:
                print("scipy unavailable (neither in this Python nor in the Mesa cache): the "
                      "statistical agreement test is skipped. apt-get install python3-scipy, or "
                      "rerun tools/peers/mesa/setup.sh.")
                return 0
        return agreement(args, stats, peacesim, scenario)
    except RunError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
