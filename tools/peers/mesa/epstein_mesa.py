"""Run Mesa 3.3.1's own Epstein civil-violence example headless and print one JSON line.

Used by tools/peers/compare_epstein_mesa.py, both for timing (speed mode) and for the per-step
counts behind the statistical agreement test. Start it through run.sh, which puts the unpacked
Mesa and its Debian packages on the path.

Timing: "seconds" covers the model's steps only (construction is in "init_seconds"). Each Mesa
step already ends with the model's own _update_counts(), which stores the citizen counts per
state in model.ACTIVE / model.QUIET / model.ARRESTED; with --series on this script only reads
those three attributes after each step (three attribute reads and list appends, well under a
microsecond against milliseconds per step), so the series adds nothing of note to the timed loop.
Speed comparisons still use --series off, so the timed loop is exactly Mesa's steps.

Output fields: peer, version, python, width, height, steps, seed, collect, series, params,
citizens, cops, active_end, jailed_end, quiet_end, init_seconds, seconds, agent_steps_per_second,
and with --series on: "series": {"active": [...], "jailed": [...], "quiet": [...]} with steps+1
values each (index 0 = the state after construction, before any step), plus the summary
statistics mean_active (mean over steps 1..N), peak_active (max over steps 1..N) and final_jailed.
"jailed" is Mesa's ARRESTED state, which also holds a citizen whose term has run down to 0 but
who has not yet had its next turn.
"""
import argparse
import json
import sys
import time

import mesa
from mesa.examples.advanced.epstein_civil_violence.agents import Citizen, Cop
from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence


def parse_value(text):
    """Model keyword values from the command line: int, then float, then bool, else string."""
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    if text in ("True", "true", "False", "false"):
        return text in ("True", "true")
    return text


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--width", type=int, default=40)
    p.add_argument("--height", type=int, default=40)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--collect", choices=["on", "off"], default="off",
                   help="Mesa's DataCollector (agent reporters each step: slow); off for timing")
    p.add_argument("--series", choices=["on", "off"], default="off",
                   help="emit per-step active/jailed/quiet counts and their summary statistics")
    p.add_argument("params", nargs="*", help="extra model keyword=value, e.g. legitimacy=0.82")
    a = p.parse_args()
    kw = {}
    for item in a.params:
        if "=" not in item:
            p.error(f"model parameter {item!r} is not key=value")
        k, v = item.split("=", 1)
        kw[k] = parse_value(v)

    t0 = time.perf_counter()
    m = EpsteinCivilViolence(seed=a.seed, width=a.width, height=a.height, **kw)
    if a.collect == "off":
        # The constructor has already collected step 0; later collections become no-ops.
        m.datacollector.collect = lambda model: None
    t1 = time.perf_counter()
    if a.series == "on":
        active, jailed, quiet = [m.ACTIVE], [m.ARRESTED], [m.QUIET]
        for _ in range(a.steps):
            m.step()
            active.append(m.ACTIVE)
            jailed.append(m.ARRESTED)
            quiet.append(m.QUIET)
    else:
        for _ in range(a.steps):
            m.step()
    t2 = time.perf_counter()

    citizens = m.agents_by_type[Citizen]
    n_cops = len(m.agents_by_type[Cop]) if Cop in m.agents_by_type else 0
    out = {
        "peer": "mesa", "version": mesa.__version__, "python": sys.version.split()[0],
        "width": a.width, "height": a.height, "steps": a.steps, "seed": a.seed,
        "collect": a.collect, "series_on": a.series == "on", "params": kw,
        "citizens": len(citizens), "cops": n_cops,
        "active_end": sum(1 for c in citizens if c.state.name == "ACTIVE"),
        "jailed_end": sum(1 for c in citizens if c.state.name == "ARRESTED"),
        "quiet_end": sum(1 for c in citizens if c.state.name == "QUIET"),
        "init_seconds": round(t1 - t0, 6), "seconds": round(t2 - t1, 6),
        "agent_steps_per_second": round((len(citizens) + n_cops) * a.steps / (t2 - t1), 1)
        if a.steps else None,
    }
    if a.series == "on":
        out["series"] = {"active": active, "jailed": jailed, "quiet": quiet}
        if a.steps:
            out["mean_active"] = sum(active[1:]) / a.steps
            out["peak_active"] = max(active[1:])
            out["final_jailed"] = jailed[-1]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
