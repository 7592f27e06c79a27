"""Scenario.load, check and describe: the same answers and the same located errors as the command line."""

import json
import pathlib
import subprocess

import pytest

import peacesim

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAD_INPUTS = sorted((ROOT / "tests" / "bad_inputs").glob("*.yaml"))


def test_a_scenario_loads_with_its_calendar_and_parameters():
    s = peacesim.Scenario.load("scenarios/examples/epstein_mesa.yaml")
    assert s.name and s.model == "epstein_mesa"
    assert s.parameters["legitimacy"] == 0.8
    row = next(p for p in s.parameter_table if p["name"] == "legitimacy")
    assert row["set_at"] == "default" or row["set_at"].startswith("scenarios/")
    assert s.check().startswith("OK scenarios/examples/epstein_mesa.yaml: model epstein_mesa")


def test_set_overrides_like_the_command_line_with_the_parameter_shorthand():
    s = peacesim.Scenario.load("scenarios/examples/epstein_mesa.yaml", set={"legitimacy": 0.5, "calendar.steps": 20})
    assert s.parameters["legitimacy"] == 0.5
    assert s.overrides == ["parameters.legitimacy=0.5", "calendar.steps=20"]
    row = next(p for p in s.parameter_table if p["name"] == "legitimacy")
    assert row["set_at"] == "<command line: --set parameters.legitimacy>"


@pytest.mark.parametrize("format", ["text", "markdown", "json"])
def test_describe_prints_what_the_command_line_prints(format, binary):
    s = peacesim.Scenario.load("scenarios/mali/mali.yaml", set={"origin_strength_enabled": False})
    cli = subprocess.run(
        [binary, "describe", "scenarios/mali/mali.yaml", "--set", "origin_strength_enabled=false", "--format", format],
        capture_output=True, text=True, check=True,
    ).stdout
    assert s.describe(format) == cli
    if format == "json":
        assert json.loads(s.describe("json"))["name"] == s.name


def test_an_unknown_describe_format_is_refused():
    s = peacesim.Scenario.load("scenarios/examples/epstein_mesa.yaml")
    with pytest.raises(ValueError, match="format must be"):
        s.describe("html")


@pytest.mark.parametrize("path", BAD_INPUTS, ids=[p.stem for p in BAD_INPUTS])
def test_every_bad_input_raises_the_command_lines_located_message(path):
    expected = (path.with_suffix(".expected")).read_text(encoding="utf-8").split("\n")[0]
    with pytest.raises(peacesim.ScenarioError) as caught:
        peacesim.Scenario.load(path.relative_to(ROOT)).check()
    assert str(caught.value) == expected
    assert isinstance(caught.value, ValueError)
    assert caught.value.file and caught.value.problem


def test_a_scenario_error_says_where():
    with pytest.raises(peacesim.ScenarioError) as caught:
        peacesim.Scenario.load("scenarios/examples/epstein_mesa.yaml", set={"legitimacy": "high"})
    e = caught.value
    assert e.file == "<command line: --set parameters.legitimacy>"
    assert e.field == "parameters.legitimacy"
    assert "expected a number" in e.problem


def test_a_missing_file_is_a_scenario_error():
    with pytest.raises(peacesim.ScenarioError, match="file not found"):
        peacesim.Scenario.load("tests/bad_inputs/does_not_exist.yaml")
