"""ensemble, compare, validate and backtest from Python: the command line's options and reports."""

import json
import pathlib
import subprocess

import pytest

import peacesim

MALI = "scenarios/mali/mali.yaml"
Q2 = "scenarios/mali/variants/q2_france_leaves_early.yaml"
O = "data/observed/"
OBSERVED = [
    O + "acled_mali_aggregates_by_admin1_month_1997-2016.csv",
    O + "unhcr_population_mali_origin_or_asylum_2009-2016.csv",
    O + "minusma_fatalities_2013-2016.csv",
]
TO_2016 = {"calendar.end": "2016-12-31"}


def test_an_ensemble_gives_its_members_and_merged_tables(tmp_path, binary):
    e = peacesim.ensemble("scenarios/examples/epstein_mesa.yaml", runs=3, first_seed=7, threads=2, out=tmp_path / "e")
    assert len(e) == 3 and [m["seed"] for m in e.info["members"]] == [7, 8, 9]
    assert sorted(set(e.series["member"])) == [0, 1, 2]
    assert len(e.series) == 3 * len(e.members[0].series)
    assert isinstance(peacesim.open_run(e.folder), peacesim.Ensemble)
    subprocess.run([binary, "ensemble", "scenarios/examples/epstein_mesa.yaml", "--runs", "3", "--first-seed", "7",
                    "-q", "--out", str(tmp_path / "cli")], check=True)
    for name in ("ensemble_timeseries.csv", "ensemble_events.csv"):
        assert (tmp_path / "e" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()


def test_compare_returns_the_command_lines_report(tmp_path, binary):
    report = peacesim.compare(MALI, Q2, runs=2, threads=2, set=TO_2016, out=tmp_path / "py.json")
    subprocess.run([binary, "compare", MALI, Q2, "--runs", "2", "--threads", "2", "-q", "--set",
                    "calendar.end=2016-12-31", "--out", str(tmp_path / "cli.json")], check=True)
    cli = json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))
    assert report == cli
    assert report["differences"] and report["runs"] == 2


def test_compare_without_out_leaves_no_file(tmp_path, monkeypatch):
    examples = pathlib.Path("scenarios/examples").resolve()
    monkeypatch.chdir(tmp_path)  # an empty working folder: nothing may be left in it
    report = peacesim.compare(examples / "epstein_mesa.yaml", examples / "epstein_low_legitimacy.yaml", runs=2)
    assert report["differences"]
    assert list(tmp_path.iterdir()) == []


def test_validate_scores_a_run_against_observed_files(tmp_path):
    run = peacesim.run(MALI, seed=1, threads=2, set=TO_2016, out=tmp_path / "r")
    report = peacesim.validate(run, OBSERVED)
    assert report["kind"] == "validation" and report["members"] == 1
    assert report["rows"] and len(report["observed"]) == 3


def test_validate_with_a_bad_observed_file_raises_its_message(tmp_path):
    run = peacesim.run("scenarios/examples/epstein_mesa.yaml", seed=1, out=tmp_path / "r")
    bad = tmp_path / "bad.csv"
    bad.write_text("no,such,columns\n1,2,3\n")
    with pytest.raises(peacesim.InputError, match="bad.csv"):
        peacesim.validate(run, [bad])


def test_backtest_scores_blind_forecasts(tmp_path):
    report = peacesim.backtest(MALI, "2015-12-31", OBSERVED, runs=2, threads=2, no_fit=True, set=TO_2016)
    (origin,) = report["origins"]
    assert origin["origin"] == "2015-12-31" and origin["forecast_origin"] == "2015-12-31"
    assert any(m["name"].startswith("fatalities") for m in origin["scores"]["metrics"])
    assert origin["scores"]["resampling"]["replicates"] == 200


def test_backtest_resamples_its_members_as_asked(tmp_path):
    report = peacesim.backtest(MALI, "2015-12-31", OBSERVED, runs=2, threads=2, no_fit=True, set=TO_2016,
                               resample=20)
    scores = report["origins"][0]["scores"]
    assert scores["resampling"]["replicates"] == 20
    assert all(m["model_resampled"] is None or m["model_resampled"]["sd"] >= 0 for m in scores["metrics"])


@pytest.mark.parametrize(
    "call",
    [
        lambda: peacesim.compare(MALI, Q2, runs=1),
        lambda: peacesim.ensemble(MALI, runs=0),
        lambda: peacesim.run(MALI, threads=-1),
        lambda: peacesim.backtest(MALI, "2015-12-31", OBSERVED, runs=2, nb_paths=5),
        lambda: peacesim.backtest(MALI, "2015-12-31", OBSERVED, runs=2, resample=-1),
    ],
    ids=["compare_runs", "ensemble_runs", "run_threads", "backtest_nb_paths", "backtest_resample"],
)
def test_counts_out_of_the_command_lines_bounds_are_refused_before_anything_runs(call):
    with pytest.raises(ValueError, match="must be a whole number from"):
        call()
