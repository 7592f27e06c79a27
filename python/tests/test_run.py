"""peacesim.run and open_run: the same bytes as `peacesim run`, tables, manifests, errors."""

import json
import pathlib
import subprocess

import pytest

import peacesim

MALI = "scenarios/mali/mali.yaml"


def manifest_without_timings(folder):
    m = json.loads((pathlib.Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    m.pop("timings")
    return m


def assert_same_outputs(a, b):
    a, b = pathlib.Path(a), pathlib.Path(b)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert "timeseries.csv" in names and "events.csv" in names and "results.sqlite" in names
    for name in names:
        if name == "manifest.json":
            assert manifest_without_timings(a) == manifest_without_timings(b)
        else:
            assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_mali_run_from_python_is_the_command_lines_byte_for_byte(tmp_path, binary):
    settings = {"origin_strength_smoothing": 12, "calendar.end": "2014-12-31"}
    run = peacesim.run(peacesim.Scenario.load(MALI), seed=3, threads=2, set=settings, out=tmp_path / "py")
    subprocess.run(
        [binary, "run", MALI, "--seed", "3", "--threads", "2", "-q", "--out", str(tmp_path / "cli"),
         "--set", "origin_strength_smoothing=12", "--set", "calendar.end=2014-12-31"],
        check=True,
    )
    assert_same_outputs(run.folder, tmp_path / "cli")
    # and not by accident: another seed differs
    other = peacesim.run(MALI, seed=4, threads=2, set=settings, out=tmp_path / "seed4")
    assert (pathlib.Path(other.folder) / "events.csv").read_bytes() != (tmp_path / "cli" / "events.csv").read_bytes()


def test_a_run_gives_its_series_events_and_manifest(tmp_path):
    run = peacesim.run("scenarios/examples/epstein_mesa.yaml", seed=5, out=tmp_path / "r")
    assert run.manifest["run"]["steps_done"] == 100
    series = run.series
    assert list(series.columns) == ["date", "step", "region", "series", "value"]
    # 4 series x 101 rows (the initial state and 100 steps), as the command line writes
    assert len(series) == 4 * 101
    assert set(series["series"]) == {"quiet", "active", "jailed", "cops"}
    assert list(run.events.columns)[:3] == ["event_id_cnty", "event_date", "year"]
    assert pathlib.Path(run.database).is_file()
    again = peacesim.open_run(run.folder)
    assert isinstance(again, peacesim.Run) and again.series.equals(series)


def test_without_pandas_the_tables_are_plain_columns(tmp_path, monkeypatch):
    from peacesim import _tables

    run = peacesim.run("scenarios/examples/epstein_mesa.yaml", seed=5, out=tmp_path / "r")
    monkeypatch.setattr(_tables, "pandas", None)
    columns = peacesim.open_run(run.folder).series
    assert isinstance(columns, dict) and len(columns["value"]) == 4 * 101
    assert isinstance(columns["step"][-1], int) and isinstance(columns["value"][0], float)


def test_a_taken_output_folder_is_an_output_error_and_is_kept(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "mine.txt").write_text("precious")
    with pytest.raises(peacesim.OutputError, match="already exists"):
        peacesim.run("scenarios/examples/epstein_mesa.yaml", out=tmp_path / "run")
    assert (tmp_path / "run" / "mine.txt").read_text() == "precious"


def test_bad_input_writes_nothing(tmp_path):
    with pytest.raises(peacesim.ScenarioError, match="expected a number"):
        peacesim.run("scenarios/examples/epstein_mesa.yaml", set={"legitimacy": "high"}, out=tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_open_run_refuses_a_folder_that_is_no_run(tmp_path):
    with pytest.raises(peacesim.InputError, match="neither a run folder"):
        peacesim.open_run(tmp_path)
    with pytest.raises(peacesim.InputError, match="no such folder"):
        peacesim.open_run(tmp_path / "nothing")


def test_the_lock_is_released_while_a_run_runs(tmp_path):
    # Another Python thread makes progress while a run runs.
    import threading

    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.01)

    t = threading.Thread(target=tick)
    t.start()
    try:
        peacesim.run(MALI, seed=1, set={"calendar.end": "2013-12-31"}, out=tmp_path / "r")
    finally:
        done.set()
        t.join()
    assert len(ticks) > 10


def test_ctrl_c_stops_a_run_which_the_same_call_resumes_and_python_gets_its_handler_back(tmp_path):
    import signal
    import sys
    import time

    script = f"""
import signal, sys, peacesim
out = {str(tmp_path / "r")!r}
try:
    print("ready", flush=True)
    peacesim.run({MALI!r}, seed=2, scale=50, out=out)
except KeyboardInterrupt as e:
    print("interrupted:", e, flush=True)
assert signal.getsignal(signal.SIGINT) is signal.default_int_handler, "Python's handler is back"
run = peacesim.run({MALI!r}, seed=2, scale=50, out=out)
print("resumed:", run.manifest["run"]["steps_done"], flush=True)
"""
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.8)  # inside the run: its set-up takes a fraction of a second, its steps several seconds
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    assert "interrupted: peacesim run interrupted; its state is in" in out
    assert "resumed:" in out
