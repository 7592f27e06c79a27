"""docs/python.md's worked analysis runs as written and makes its figure."""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_worked_analysis_runs_and_draws_its_figure(tmp_path):
    out = tmp_path / "analysis"
    done = subprocess.run(
        [sys.executable, str(ROOT / "python" / "examples" / "analysis.py"), "--runs", "2", "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Deaths by region and year" in done.stdout and "Q2, 2 paired runs" in done.stdout
    figure = out / "deaths_by_region.png"
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and figure.stat().st_size > 10_000
