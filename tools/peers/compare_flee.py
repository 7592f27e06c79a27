#!/usr/bin/env python3
"""Flee beside peacesim on Flee's Mali 2012 case: ARD against the UNHCR camp counts and wall time.

    tools/peers/compare_flee.py [--reps 3] [--peacesim build/release/peacesim] [--flee-settings FILE.yml]
                                [--threads 1] [--set NAME=VALUE ...]

Runs Flee (tools/peers/flee/run.sh, after tools/peers/flee/setup.sh) and `peacesim run
scenarios/flee/mali2012.yaml` alternately, `--reps` times each (interleaved, so that a slow spell of
the machine hits both), and prints every run and the medians. peacesim's seed is the repetition
number; `--set` passes parameter overrides to peacesim (e.g. the calibrated values of
docs/model/displacement.md). Flee's ARD is computed by tools/peers/flee/ard.py from Flee's output,
peacesim's by the model itself with the same definition. Exits 0 with a message when Flee is not
installed. Each peacesim run's camp series are also written in Flee's output columns and scored
by tools/peers/flee/ard.py, to show that both scores use one definition.
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCENARIO = os.path.join(ROOT, "scenarios", "flee", "mali2012.yaml")
FLEE_DIR = os.path.join(HERE, "flee")


def flee_cache():
    base = os.environ.get("XDG_CACHE_HOME", os.path.join(os.path.expanduser("~"), ".cache"))
    return os.environ.get("FLEE_PEER_CACHE", os.path.join(base, "peacesim-peers", "flee"))


def run_flee(settings, out_csv):
    cmd = ["bash", os.path.join(FLEE_DIR, "run.sh")]
    if settings:
        cmd.append(settings)
    else:
        cmd.append(os.path.join(flee_cache(), "src", "flee", "simsetting.yml"))
    cmd.append(out_csv)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    m = re.search(r"ARD=([0-9.]+)", p.stdout)
    w = re.search(r"flee wall seconds ([0-9.]+)", p.stdout)
    if not m:
        raise RuntimeError("no ARD in Flee's output:\n" + p.stdout + p.stderr)
    return float(m.group(1)), float(w.group(1)) if w else wall


def flee_format(run_dir, out_csv):
    """Writes a peacesim run's camp series in the columns of Flee's output, for Flee's ard.py."""
    sim, obs = {}, {}
    with open(os.path.join(run_dir, "timeseries.csv"), newline="") as f:
        for r in csv.DictReader(f):
            t = int(r["step"])
            if t == 0 or r["region"] == "all":
                continue
            if r["series"] == "camp_population":
                sim.setdefault(r["region"], {})[t] = float(r["value"])
            elif r["series"] == "unhcr_camp_population":
                obs.setdefault(r["region"], {})[t] = float(r["value"])
    camps = sorted(sim)
    days = sorted(next(iter(sim.values())))
    with open(out_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Day"] + [x for c in camps for x in (c + " sim", c + " data")]
                   + ["refugees in camps (UNHCR)", "refugees in camps (simulation)"])
        for t in days:
            w.writerow([t - 1] + [int(v) for c in camps for v in (sim[c][t], obs[c][t])]
                       + [int(sum(obs[c][t] for c in camps)), int(sum(sim[c][t] for c in camps))])


def ard_py(csv_path):
    """Flee's ARD of a Flee-format CSV by the peer script tools/peers/flee/ard.py."""
    env = os.path.join(flee_cache(), "env.sh")
    p = subprocess.run(["bash", "-c", f'. "{env}" && /usr/bin/python3 "{os.path.join(FLEE_DIR, "ard.py")}" "{csv_path}"'],
                       check=True, capture_output=True, text=True)
    return float(re.search(r"ARD=([0-9.]+)", p.stdout).group(1))


def run_peacesim(peacesim, seed, threads, sets, out_dir):
    cmd = [peacesim, "run", SCENARIO, "--seed", str(seed), "--threads", str(threads), "--out", out_dir, "-q"]
    for s in sets:
        cmd += ["--set", s]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - t0
    with open(os.path.join(out_dir, "manifest.json")) as f:
        manifest = json.load(f)
    ard = None

    def find(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k.startswith("ARD"):
                    return v
                r = find(v)
                if r is not None:
                    return r
        elif isinstance(o, list):
            for v in o:
                r = find(v)
                if r is not None:
                    return r
        return None

    ard = find(manifest)
    return float(ard), wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peacesim", default=os.path.join(ROOT, "build", "release", "peacesim"))
    ap.add_argument("--flee-settings", default="", help="Flee simsetting.yml (default: Flee's own)")
    ap.add_argument("--threads", type=int, default=1, help="peacesim threads (Flee uses one core)")
    ap.add_argument("--set", action="append", default=[], help="peacesim parameter override NAME=VALUE")
    a = ap.parse_args()

    if not os.path.isfile(os.path.join(flee_cache(), "env.sh")):
        print("Flee is not installed: fetch djgroen/flee and run tools/peers/flee/setup.sh GIT_DIR "
              "(see tools/peers/flee/README.md); nothing compared.")
        return 0
    if not os.access(a.peacesim, os.X_OK):
        print(f"peacesim not found at {a.peacesim}: build it first (cmake --build --preset release)")
        return 0

    flee, ps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(1, a.reps + 1):
            fa, fw = run_flee(a.flee_settings, os.path.join(tmp, f"flee{rep}.csv"))
            flee.append((fa, fw))
            print(f"rep {rep}  flee      ARD {fa:.4f}  wall {fw:8.2f} s", flush=True)
            out = os.path.join(tmp, f"ps{rep}")
            pa, pw = run_peacesim(a.peacesim, rep, a.threads, a.set, out)
            flee_format(out, out + ".csv")
            check = ard_py(out + ".csv")  # the same score by Flee's peer script, from peacesim's series
            ps.append((pa, pw))
            print(f"rep {rep}  peacesim  ARD {pa:.4f}  wall {pw:8.3f} s   (ard.py on its series: {check:.3f})", flush=True)
    fa = statistics.median(x[0] for x in flee)
    fw = statistics.median(x[1] for x in flee)
    pa = statistics.median(x[0] for x in ps)
    pw = statistics.median(x[1] for x in ps)
    print(f"\nmedians over {a.reps} interleaved repetitions")
    print(f"  flee      ARD {fa:.4f}  wall {fw:8.2f} s   (settings: {a.flee_settings or 'Flee simsetting.yml'})")
    print(f"  peacesim  ARD {pa:.4f}  wall {pw:8.3f} s   (threads {a.threads}; overrides: {' '.join(a.set) or 'none'})")
    print(f"  peacesim is {fw / pw:.0f}x faster (whole process, set-up and writing included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
