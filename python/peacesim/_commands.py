"""The commands, with the command line's options as keyword arguments. Each runs the same C++ as
`peacesim COMMAND` with the interpreter's lock released; bad input raises peacesim.ScenarioError or
peacesim.InputError with the command line's message, an unwritable result peacesim.OutputError,
and Ctrl-C KeyboardInterrupt once the run has stopped (a run keeps its checkpoint: call it again
to resume)."""

import json
import os
import tempfile

from . import _peacesim
from ._results import Ensemble, Run, open_run
from ._scenario import Scenario, overrides_of, scenario_options

_INTERRUPTED = 130


def _within(name, value, low, high):
    """The command line's bounds on a count (src/cli/main.cpp), as a ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return value


def _threads(threads):
    _within("threads", threads, 0, 1024)
    return (os.cpu_count() or 1) if threads == 0 else threads


def _optional(name, value, low, high):
    return None if value is None else _within(name, value, low, high)


def _finish(command, code, where=None):
    if code == 0:
        return
    if code == _INTERRUPTED:
        raise KeyboardInterrupt(f"peacesim {command} interrupted" + (f"; its state is in {where}" if where else ""))
    raise RuntimeError(f"peacesim {command} failed with exit code {code}; its message is on standard error")


def _json_result(command, options, out, call):
    """Runs a command that writes a JSON report to `out` (a temporary file if None) and returns the report."""
    with tempfile.TemporaryDirectory(prefix="peacesim-") as tmp:
        options.out = os.fspath(out) if out is not None else os.path.join(tmp, f"{command}.json")
        _finish(command, call(options))
        with open(options.out, encoding="utf-8") as f:
            return json.load(f)


def run(scenario, seed=None, threads=1, scale=None, out=None, set=None, quiet=True, checkpoint_seconds=300):
    """`peacesim run`: one run of a Scenario (or a scenario path). Writes the run folder (`out`, or
    runs/NAME-seedSEED made unique, as the command line) and returns it as a Run."""
    o = _peacesim.RunOptions()
    o.input = scenario_options(scenario, seed, scale, set)
    o.threads = _threads(threads)
    o.out = "" if out is None else os.fspath(out)
    o.quiet = quiet
    o.checkpoint_seconds = checkpoint_seconds
    code, folder = _peacesim.run(o)
    _finish("run", code, folder)
    return Run(folder)


def ensemble(scenario, runs=20, first_seed=1, threads=1, scale=None, out=None, set=None, posterior=None,
             member=None, quiet=True):
    """`peacesim ensemble`: `runs` members with seeds first_seed, first_seed + 1, ... Writes the
    ensemble folder (`out`, or runs/NAME-ensemble; an existing one of the same inputs is resumed)
    and returns it as an Ensemble. `member=i` runs only member i (array jobs; the folder is
    complete once every member has run)."""
    o = _peacesim.EnsembleOptions()
    o.input = scenario_options(scenario, None, scale, set)
    o.runs = _within("runs", runs, 1, 1_000_000)
    o.member = _optional("member", member, 0, 999_999)
    o.first_seed = first_seed
    o.threads = _threads(threads)
    o.posterior = "" if posterior is None else os.fspath(posterior)
    o.quiet = quiet
    o.out = "" if out is None else os.fspath(out)
    code, folder = _peacesim.ensemble(o)
    _finish("ensemble", code, os.fspath(folder))
    return Ensemble(os.fspath(folder))


def compare(base, variant, runs=20, first_seed=1, independent=False, threads=1, scale=None, outcomes=None,
            set=None, posterior=None, out=None, quiet=True):
    """`peacesim compare`: the base and the variant scenario over `runs` paired seeds; returns the
    report (dict: each outcome's difference with its interval). `set` applies to both, as --set;
    a variant Scenario's own overrides apply to it."""
    o = _peacesim.CompareOptions()
    o.base = scenario_options(base, None, scale, set)
    variant_own = variant.overrides if isinstance(variant, Scenario) else []
    o.variant = variant.path if isinstance(variant, Scenario) else os.fspath(variant)
    o.variant_overrides = list(variant_own) + overrides_of(set)
    o.runs = _within("runs", runs, 2, 100_000)
    o.first_seed = first_seed
    o.independent = independent
    o.threads = _threads(threads)
    o.outcomes = list(outcomes or [])
    o.posterior = "" if posterior is None else os.fspath(posterior)
    o.quiet = quiet
    return _json_result("compare", o, out, _peacesim.compare)


def validate(runs, observed, start=None, end=None, baseline="rolling", out=None, quiet=True):
    """`peacesim validate`: runs (Run, Ensemble or folder paths) against observed files; returns the report.
    The window defaults as the command line's: from the runs' first 1 January to their theatre's
    observations_end."""
    if isinstance(runs, (str, os.PathLike, Run, Ensemble)):
        runs = [runs]
    o = _peacesim.ValidateOptions()
    o.runs = [r.folder if isinstance(r, (Run, Ensemble)) else os.fspath(r) for r in runs]
    o.observed = [os.fspath(f) for f in observed]
    o.start = "" if start is None else str(start)
    o.end = "" if end is None else str(end)
    o.baseline = baseline
    o.quiet = quiet
    return _json_result("validate", o, out, _peacesim.validate)


def backtest(scenario, origins, observed, runs=20, first_seed=1, threads=1, scale=None, set=None, no_fit=False,
             simulate_through=False, params=None, fit_from=None, budget=None, fit_runs=None, recheck=None,
             recheck_runs=None, algorithm="neldermead", nb_paths=1000, resample=200, posteriors=None, out=None,
             quiet=True):
    """`peacesim backtest`: blind forecasts from each origin (a 31 December), scored against the
    observed files and the naive baselines; returns the report (dict)."""
    if isinstance(origins, str):
        origins = [origins]
    o = _peacesim.BacktestOptions()
    o.input = scenario_options(scenario, None, scale, set)
    o.origins = list(origins)
    o.observed = [os.fspath(f) for f in observed]
    o.runs = _within("runs", runs, 2, 100_000)
    o.first_seed = first_seed
    o.threads = _threads(threads)
    o.no_fit = no_fit
    o.simulate_through = simulate_through
    o.params = list(params or [])
    o.fit_from = fit_from or ""
    o.budget = _optional("budget", budget, 2, 100_000)
    o.fit_runs = _optional("fit_runs", fit_runs, 1, 10_000)
    o.recheck = _optional("recheck", recheck, 0, 1_000)
    o.recheck_runs = _optional("recheck_runs", recheck_runs, 1, 10_000)
    o.algorithm = algorithm
    o.nb_paths = _within("nb_paths", nb_paths, 10, 1_000_000)
    o.resample = _within("resample", resample, 0, 100_000)
    o.posteriors = [os.fspath(p) for p in (posteriors or [])]
    o.quiet = quiet
    return _json_result("backtest", o, out, _peacesim.backtest)


__all__ = ["run", "ensemble", "compare", "validate", "backtest", "open_run"]
