"""Scenarios: loaded, checked and described as `peacesim check` and `peacesim describe` do."""

import json
import os

from . import _peacesim


def overrides_of(set):
    """The command line's --set assignments for a dict {"path.to.field": value} (or a list of
    "path=value" strings). A name without a dot is a parameter, as on the command line."""
    if set is None:
        return []
    if isinstance(set, dict):
        assignments = [f"{key}={_yaml_value(value)}" for key, value in set.items()]
    elif isinstance(set, (list, tuple)):
        assignments = [str(a) for a in set]
    else:
        raise TypeError("set= takes a dict {'field': value} or a list of 'field=value' strings")
    return _peacesim.expand_parameter_shorthand(assignments)


def _yaml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return str(value)


class Scenario:
    """A scenario file with its --set overrides, seed and scale, checked when loaded.

    Scenario.load raises peacesim.ScenarioError (a ValueError) with the command line's located
    message for bad input; its .file, .line, .column and .field say where.
    """

    def __init__(self, path, overrides, seed, scale, description):
        self.path = os.fspath(path)
        self.overrides = list(overrides)
        self._seed = seed
        self._scale = scale
        self._description = description

    @classmethod
    def load(cls, path, set=None, seed=None, scale=None):
        """Loads and checks a scenario (the scenario layer and the parameters; `check()` also builds
        the model, which checks its data files). `set` overrides fields, as --set does."""
        overrides = overrides_of(set)
        description = json.loads(_peacesim.describe(_options(path, overrides, seed, scale), "json"))
        return cls(path, overrides, seed, scale, description)

    def options(self, seed=None, scale=None):
        """The compiled module's ScenarioOptions for this scenario (seed and scale overridden if given)."""
        return _options(
            self.path,
            self.overrides,
            self._seed if seed is None else seed,
            self._scale if scale is None else scale,
        )

    def check(self):
        """Builds the model as `peacesim check` does; returns its "OK ..." line."""
        return _peacesim.check(self.options()).strip()

    def describe(self, format="text"):
        """What `peacesim describe --format FORMAT` prints: "text", "markdown" or "json"."""
        return _peacesim.describe(self.options(), format)

    @property
    def name(self):
        return self._description["name"]

    @property
    def title(self):
        return self._description["title"]

    @property
    def model(self):
        return self._description["model"]["name"]

    @property
    def start(self):
        return self._description["calendar"]["start"]

    @property
    def end(self):
        return self._description["calendar"]["end"]

    @property
    def seed(self):
        return self._description["seed"]

    @property
    def people_per_agent(self):
        return self._description["people_per_agent"]

    @property
    def hash(self):
        return self._description["hash"]

    @property
    def parameters(self):
        """{name: value} of every parameter as resolved (defaults, scenario, overrides)."""
        return {p["name"]: p["value"] for p in self._description["parameters"]}

    @property
    def parameter_table(self):
        """Every parameter's value, unit, range, default, source and where it was set (list of dicts)."""
        return [dict(p) for p in self._description["parameters"]]

    def __repr__(self):
        extra = f", set={self.overrides}" if self.overrides else ""
        return f"Scenario({self.path!r}{extra}: {self.name}, model {self.model}, {self.start} to {self.end})"


def _options(path, overrides, seed, scale):
    o = _peacesim.ScenarioOptions()
    o.scenario = os.fspath(path)
    o.overrides = list(overrides)
    o.seed = seed
    o.scale = scale
    return o


def scenario_options(scenario, seed=None, scale=None, set=None):
    """ScenarioOptions for a Scenario or a path, with more overrides (`set`) after its own."""
    if isinstance(scenario, Scenario):
        o = scenario.options(seed, scale)
    else:
        o = _options(scenario, [], seed, scale)
    o.overrides = list(o.overrides) + overrides_of(set)
    return o
