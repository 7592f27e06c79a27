"""Shared fixtures: the repository (the working directory of every test, as for the C++ tests) and
the command-line binary built beside the module (PEACESIM_BINARY, set by CTest)."""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def binary():
    path = pathlib.Path(os.environ.get("PEACESIM_BINARY", ROOT / "build" / "release" / "peacesim"))
    if not path.is_file():
        pytest.fail(f"the peacesim binary is not at {path}: build it (cmake --build --preset release)")
    return str(path)
