"""Issue 19 from Python: an invented theatre (tests/fixtures/invented/), which no code knows, loads,
runs and validates through the module as through the command line."""

import peacesim

INVENTED = "tests/fixtures/invented/invented.yaml"
OBSERVED = ["tests/fixtures/invented/invented_acled_aggregates.csv", "tests/fixtures/invented/invented_unhcr.csv"]


def test_an_invented_theatre_runs_and_validates_in_its_own_regions(tmp_path):
    scenario = peacesim.Scenario.load(INVENTED, scale=100)
    assert scenario.name == "invented"
    run = peacesim.run(scenario, out=tmp_path / "run")
    regions = set(run.events["admin1"])
    assert regions and regions <= {"Northland", "Southland"}
    report = peacesim.validate(run, OBSERVED)
    assert report["window"] == {"from": "2010-01-01", "to": "2016-12-31"}
    observed = {(r["region"], r["year"]): r["observed"] for r in report["rows"] if r["metric"] == "fatalities"}
    assert observed[("Northland", 2014)] == 40  # spelled "Nordland" in the observations
    assert not any(region == "Nordland" for region, _ in observed)
