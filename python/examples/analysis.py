"""The worked analysis of docs/python.md, run by the tests (python/tests/test_example.py).

Loads the Mali scenario, runs a small ensemble, asks Q2 (what if France had left within weeks in
2013?) and plots the deaths from political violence by region and year, the ensemble's mean with
the range of its members. From the repository:

    PYTHONPATH=build/release/python /usr/bin/python3 python/examples/analysis.py --runs 4
"""

import argparse
import os

import matplotlib

matplotlib.use("Agg")  # files, not windows
import matplotlib.pyplot as plt  # noqa: E402

import peacesim  # noqa: E402

NATION = "Mali"  # the scenario's national rows; every other region is one of its regions
Q2 = "scenarios/mali/variants/q2_france_leaves_early.yaml"


def yearly_deaths_by_region(series):
    """Deaths (every kind of event) by member, region and year, from an ensemble's monthly series."""
    deaths = series[series["series"].str.startswith("fatalities_") & (series["region"] != NATION)].copy()
    deaths["year"] = deaths["date"].str.slice(0, 4).astype(int)
    return deaths.groupby(["member", "region", "year"], as_index=False)["value"].sum()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=4, help="members of the ensemble and of Q2's comparison")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default="python-analysis", help="folder for the ensemble and the figure")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)

    mali = peacesim.Scenario.load("scenarios/mali/mali.yaml")
    print(mali)

    # A small ensemble: every member's monthly series, in one long table with a `member` column.
    ensemble = peacesim.ensemble(mali, runs=args.runs, threads=args.threads, out=os.path.join(args.out, "ensemble"))
    deaths = yearly_deaths_by_region(ensemble.series)
    by_region = deaths.groupby(["region", "year"])["value"].agg(["mean", "min", "max"]).reset_index()
    print("\nDeaths by region and year (ensemble mean):")
    print(by_region.pivot(index="year", columns="region", values="mean").round(0).to_string())

    # Q2 against the reference scenario, members paired by seed (common random numbers).
    q2 = peacesim.compare(mali, Q2, runs=args.runs, threads=args.threads)
    print(f"\nQ2, {q2['runs']} paired runs: variant minus base, with its 90 % interval")
    for d in q2["differences"][:8]:
        print(f"  {d['outcome']:<40} {d['difference']:>14,.0f}  [{d['low']:,.0f}, {d['high']:,.0f}]")

    # The figure: a line a region, the band the members' range.
    fig, ax = plt.subplots(figsize=(9, 5))
    for region, rows in by_region.groupby("region"):
        line = ax.plot(rows["year"], rows["mean"], label=region)[0]
        ax.fill_between(rows["year"], rows["min"], rows["max"], color=line.get_color(), alpha=0.15)
    ax.set_xlabel("year")
    ax.set_ylabel("deaths from political violence")
    ax.set_title(f"{mali.title}: {args.runs} members (mean, and the members' range)", fontsize=9)
    ax.legend(fontsize=8, ncol=2)
    figure = os.path.join(args.out, "deaths_by_region.png")
    fig.savefig(figure, dpi=100, bbox_inches="tight")
    print(f"\nFigure: {figure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
