"""peacesim from Python: the simulator's own C++ (the command line's commands), with pandas tables.

    import peacesim
    mali = peacesim.Scenario.load("scenarios/mali/mali.yaml", set={"origin_strength_enabled": False})
    run = peacesim.run(mali, seed=1, threads=2)
    run.series            # long format: date, step, region, series, value
    run.events            # ACLED's columns
    run.manifest          # what ran (dict)

See docs/python.md for every function and a worked analysis.
"""

from . import _peacesim
from ._commands import backtest, compare, ensemble, run, validate
from ._results import Ensemble, Run, open_run
from ._scenario import Scenario
from ._peacesim import InputError, OutputError, ScenarioError

__version__ = _peacesim.version

__all__ = [
    "Scenario",
    "run",
    "ensemble",
    "compare",
    "validate",
    "backtest",
    "open_run",
    "Run",
    "Ensemble",
    "ScenarioError",
    "InputError",
    "OutputError",
]
