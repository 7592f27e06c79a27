"""Run and ensemble folders, read back: what `peacesim run` and `peacesim ensemble` write."""

import json
import os

from . import _peacesim
from ._tables import read_table


class Run:
    """A run folder: .manifest (dict), .series (long format: date, step, region, series, value) and
    .events (ACLED's columns), read when first asked for; .database is the SQLite file's path."""

    def __init__(self, folder):
        self.folder = os.fspath(folder)
        self._manifest = self._series = self._events = None

    @property
    def manifest(self):
        if self._manifest is None:
            with open(os.path.join(self.folder, "manifest.json"), encoding="utf-8") as f:
                self._manifest = json.load(f)
        return self._manifest

    @property
    def series(self):
        if self._series is None:
            self._series = read_table(os.path.join(self.folder, "timeseries.csv"))
        return self._series

    @property
    def events(self):
        if self._events is None:
            self._events = read_table(os.path.join(self.folder, "events.csv"))
        return self._events

    @property
    def database(self):
        return os.path.join(self.folder, "results.sqlite")

    def __repr__(self):
        return f"Run({self.folder!r})"


class Ensemble:
    """An ensemble folder: .info (ensemble.json), .members (a Run each), and .series and .events of
    every member in one table with a `member` column."""

    def __init__(self, folder):
        self.folder = os.fspath(folder)
        with open(os.path.join(self.folder, "ensemble.json"), encoding="utf-8") as f:
            self.info = json.load(f)
        self._series = self._events = None

    @property
    def members(self):
        return [Run(os.path.join(self.folder, m["folder"])) for m in self.info["members"]]

    @property
    def series(self):
        if self._series is None:
            self._series = read_table(os.path.join(self.folder, self.info["merged"]["series"]))
        return self._series

    @property
    def events(self):
        if self._events is None:
            self._events = read_table(os.path.join(self.folder, self.info["merged"]["events"]))
        return self._events

    def __len__(self):
        return len(self.info["members"])

    def __repr__(self):
        return f"Ensemble({self.folder!r}, {len(self)} members)"


def open_run(folder):
    """A Run or an Ensemble for a folder written by `peacesim run` or `peacesim ensemble`."""
    folder = os.fspath(folder)
    if os.path.isfile(os.path.join(folder, "ensemble.json")):
        return Ensemble(folder)
    if os.path.isfile(os.path.join(folder, "manifest.json")):
        return Run(folder)
    if not os.path.isdir(folder):
        raise _peacesim.InputError(f"{folder}: no such folder")
    raise _peacesim.InputError(
        f"{folder}: neither a run folder (manifest.json) nor an ensemble folder (ensemble.json); "
        "an interrupted run leaves only its checkpoint: run it again to finish it"
    )
