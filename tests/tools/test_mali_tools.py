"""Tests for tools/mali/ (validate.py, patterns.py, calibrate.py) on tiny hand-made inputs.

Run from the repository root:  python3 -m unittest discover -s tests/tools -v

No test runs peacesim: run folders and observed files are written to temporary folders.
"""

import contextlib
import datetime as dt
import io
import json
import math
import os
import random
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "mali"))

import calibrate  # noqa: E402
import patterns  # noqa: E402
import validate  # noqa: E402

EVENT_COLUMNS = ("event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,"
                 "interaction,admin1,admin2,location,latitude,longitude,fatalities")
MNLA = patterns.MNLA


def event_line(n, date, kind, sub, admin1, fatalities, actor1="A", actor2="B", location="X"):
    return (f"SIM{n},{date},{date[:4]},{kind},{sub},{actor1},{actor2},12,{admin1},{admin1},"
            f"{location},16.0,-1.0,{fatalities}")


class Temp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write(self, relative, text, newline="\n"):
        path = os.path.join(self.tmp.name, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text.replace("\n", newline))
        return path


class MetricTests(unittest.TestCase):
    def test_ranks_share_ties(self):
        self.assertEqual(validate.ranks([10, 20, 20, 30]), [1, 2.5, 2.5, 4])
        self.assertEqual(validate.ranks([0, 0, 0]), [2, 2, 2])
        self.assertEqual(validate.ranks([3, 1, 2]), [3, 1, 2])

    def test_spearman(self):
        self.assertAlmostEqual(validate.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1.0)
        self.assertAlmostEqual(validate.spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1.0)
        # ties: ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4] -> 4.5 / sqrt(4.5 * 5)
        self.assertAlmostEqual(validate.spearman([1, 2, 2, 3], [1, 2, 3, 4]),
                               4.5 / math.sqrt(22.5))
        # monotone transforms do not change it
        self.assertAlmostEqual(validate.spearman([0, 5, 5, 100], [1, 2, 3, 4]),
                               validate.spearman([1, 2, 2, 3], [1, 2, 3, 4]))
        self.assertIsNone(validate.spearman([1, 1, 1], [1, 2, 3]))
        with self.assertRaises(ValueError):
            validate.spearman([1, 2], [1])

    def test_log_mae(self):
        self.assertEqual(validate.log_mae([0, 5], [0, 5]), 0)
        self.assertAlmostEqual(validate.log_mae([math.e - 1, 0], [0, 0]), 0.5)
        self.assertAlmostEqual(validate.log_mae([0], [math.e ** 2 - 1]), 2.0)
        with self.assertRaises(ValueError):
            validate.log_mae([], [])

    def test_persistence_and_trend(self):
        history = {2010: 5, 2011: 8, 2012: 20}
        self.assertEqual(validate.persistence(history, 2012), 8)
        self.assertEqual(validate.persistence(history, 2013), 20)
        self.assertEqual(validate.persistence(history, 2000), 0)  # missing year = 0
        self.assertEqual(validate.trend(history, 2012), 11)  # 8 + (8 - 5)
        self.assertEqual(validate.trend(history, 2013), 32)
        self.assertEqual(validate.trend({2010: 10, 2011: 3}, 2012), 0)  # floored at 0
        self.assertEqual(validate.trend({2011: 4}, 2012), 8)  # 2010 missing = 0

    def test_frozen_baselines(self):
        history = {2010: 5, 2011: 8, 2012: 100, 2013: 100}
        self.assertEqual(validate.baseline("persistence", history, 2014, 2012, "frozen"), 8)
        self.assertEqual(validate.baseline("trend", history, 2012, 2012, "frozen"), 11)
        self.assertEqual(validate.baseline("trend", history, 2014, 2012, "frozen"), 17)
        self.assertEqual(validate.baseline("trend", history, 2014, 2012, "rolling"), 100)

    def test_percentile_shares(self):
        self.assertEqual(validate.percentile([1, 2, 3, 4, 5], 50), 3)
        self.assertAlmostEqual(validate.percentile([1, 2, 3, 4, 5], 5), 1.2)
        self.assertAlmostEqual(validate.percentile([10], 95), 10)
        self.assertEqual(validate.shares({"a": 1, "b": 3}), {"a": 0.25, "b": 0.75})
        self.assertEqual(validate.shares({"a": 0}), {"a": 0.0})
        self.assertAlmostEqual(validate.share_distance({"a": 1.0, "b": 0}, {"a": 0, "b": 1.0}), 1)
        self.assertAlmostEqual(validate.share_distance({"a": 0.5, "b": 0.5},
                                                       {"a": 0.25, "b": 0.75}), 0.25)

    def test_event_types(self):
        self.assertEqual(validate.event_class("Battles", "f", 2), validate.BATTLES)
        self.assertEqual(validate.event_class("Battle-No change of territory", "f", 2),
                         validate.BATTLES)
        self.assertEqual(validate.event_class("Remote violence", "f", 2), validate.ERV)
        self.assertIsNone(validate.event_class("Strategic developments", "f", 2))
        with self.assertRaises(validate.InputError) as ctx:
            validate.event_class("Picnic", "f.csv", 7)
        self.assertIn("f.csv:7:", str(ctx.exception))


ACLED = """month,admin1,event_type,events,fatalities
2010-03,Gao,Battles,2,3
2011-05,Timbuktu,Battles,4,1
2011-06,Kidal,Strategic developments,9,0
2012-01,Kidal,Battles,3,10
2012-02,Kidal,Violence against civilians,1,2
2012-04,Gao,Explosions/Remote violence,2,0
2012-05,Bamako,Protests,5,0
2013-01,Mopti,Battles,6,40
2013-02,Tombouctou,Remote violence,1,1
"""

MINUSMA = """id,incident_date,casualty_id,mission_acronym,type_of_casualty,gender,casualty_nationality,casualty_personnel_type,type_of_incident,m49_code,isocode3,last_update
1,2013-08-22,X1,MINUSMA,Fatality,M,Chad,Military,Illness,148.0,TCD,2025-04-04
2,2013-10-10,X2,MINUSMA,Fatality,M,Chad,Military,Malicious Act,148.0,TCD,2025-04-04
3,2013-11-10,X3,MINUSMA,Fatality,M,Chad,Local ,Malicious Act,148.0,TCD,2025-04-04
"""

UNHCR = """year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,refugees,asylum_seekers,returned_refugees,idps,returned_idps,stateless,ooc,oip,hst
2011,Mali,MLI,MLI,Mauritania,MAU,MRT,100,0,0,0,0,0,0,NA,0
2011,Mali,MLI,MLI,Mali,MLI,MLI,0,0,0,NA,0,0,0,NA,0
2012,Mali,MLI,MLI,Mauritania,MAU,MRT,5000,0,0,0,0,0,0,NA,0
2012,Mali,MLI,MLI,Niger,NGR,NER,3000,0,0,0,0,0,0,NA,0
2012,Mali,MLI,MLI,France,FRA,FRA,NA,0,0,0,0,0,0,NA,0
2012,Mali,MLI,MLI,Mali,MLI,MLI,0,0,0,20000,0,0,0,NA,0
2012,Burundi,BDI,BDI,Mali,MLI,MLI,51,8,0,0,0,0,0,NA,0
2013,Mali,MLI,MLI,Mauritania,MAU,MRT,6000,0,0,0,0,0,0,NA,0
2013,Mali,MLI,MLI,Mali,MLI,MLI,0,0,0,10000,0,0,0,NA,0
"""


def timeseries(refugees, idps, minusma_by_month):
    """A tiny timeseries.csv: year-end gauges and monthly MINUSMA deaths, 2011-12..2013-12."""
    lines = ["date,step,region,series,value"]
    step = 0
    for year in (2011, 2012, 2013):
        for month in range(1, 13):
            if year == 2011 and month < 12:
                continue
            step += 1
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            d = last.isoformat()
            lines.append(f"{d},{step},Mali,casualties_minusma,"
                         f"{minusma_by_month.get((year, month), 0)}")
            lines.append(f"{d},{step},Gao,casualties_minusma,99")  # regions are ignored
            for name, table in (("refugees", refugees), ("internally_displaced", idps)):
                value = table.get(year, 0) if month == 12 else 1
                lines.append(f"{d},{step},Mali,{name},{value}")
            for iso in validate.HOSTS:
                lines.append(f"{d},{step},Mali,refugees_in_{iso},"
                             f"{refugees.get(year, 0) // 3 if month == 12 else 0}")
    return "\n".join(lines) + "\n"


class ParserTests(Temp):
    def test_acled_aggregates(self):
        path = self.write("obs/acled.csv", ACLED, newline="\r\n")  # CRLF, as many data files
        table = validate.load_acled_aggregates(path)
        self.assertEqual(table[("Kidal", 2012)], [4, 12])  # Battles + VAC
        self.assertEqual(table[("Tombouctou", 2011)], [4, 1])  # Timbuktu -> Tombouctou
        self.assertEqual(table[("Tombouctou", 2013)], [1, 1])  # pre-2019 'Remote violence'
        self.assertNotIn(("Kidal", 2011), table)  # strategic developments excluded
        self.assertNotIn(("Bamako", 2012), table)  # protests excluded

    def test_acled_errors_name_file_and_line(self):
        cases = {
            "month,admin1,event_type,events\n2012-01,Gao,Battles,1\n": ":1: missing column",
            ACLED + "2013-13,Gao,Battles,1,0\n": ":11: month",
            ACLED + "2013-01,Atlantis,Battles,1,0\n": ":11: admin1",
            ACLED + "2013-01,Gao,Battles,one,0\n": ":11: events",
            ACLED + "2013-01,Gao,Battles,1,-2\n": ":11: fatalities: negative",
            ACLED + "2013-01,Gao,Battles,1\n": ":11: 4 fields",
        }
        for text, expected in cases.items():
            path = self.write("bad.csv", text)
            with self.assertRaises(validate.InputError) as ctx:
                validate.load_acled_aggregates(path)
            self.assertIn(expected, str(ctx.exception))
            self.assertTrue(str(ctx.exception).startswith(path))

    def test_minusma_and_unhcr(self):
        self.assertEqual(validate.load_minusma(self.write("m.csv", MINUSMA)), {2013: 2})
        unhcr = validate.load_unhcr(self.write("u.csv", UNHCR))
        self.assertEqual(unhcr["refugees"], {2011: 100, 2012: 8000, 2013: 6000})  # NA = 0
        self.assertEqual(unhcr["idps"], {2011: 0, 2012: 20000, 2013: 10000})
        self.assertEqual(unhcr["hosts"]["MRT"], {2011: 100, 2012: 5000, 2013: 6000})
        self.assertEqual(unhcr["hosts"]["BFA"], {})
        with self.assertRaises(validate.InputError) as ctx:
            validate.load_minusma(self.write("m2.csv", MINUSMA + "4,2014-02-30,X,M,F,M,C,M,"
                                                               "Malicious Act,1,T,2025\n"))
        self.assertIn(":5: incident_date", str(ctx.exception))

    def test_run_events_window_and_types(self):
        path = self.write("run/events.csv", "\n".join([
            EVENT_COLUMNS,
            event_line(1, "2011-12-31", "Battles", "Armed clash", "Gao", 5),
            event_line(2, "2012-01-10", "Battles", "Armed clash", "Gao", 2),
            event_line(3, "2012-03-10", "Strategic developments", "Other", "Gao", 0),
            event_line(4, "2012-04-01", "Violence against civilians", "Attack", "Ségou", 3),
            event_line(5, "2013-01-01", "Explosions/Remote violence", "IED", "Gao", 1),
        ]) + "\n")
        table = validate.load_run_events(path, dt.date(2012, 1, 1), dt.date(2012, 12, 31))
        self.assertEqual(table, {("Gao", 2012): [1, 2], ("Segou", 2012): [1, 3]})


class ValidateMainTests(Temp):
    def setUp(self):
        super().setUp()
        self.obs = os.path.dirname(self.write(f"obs/{validate.ACLED_FILE}", ACLED))
        self.write(f"obs/{validate.MINUSMA_FILE}", MINUSMA)
        self.write(f"obs/{validate.UNHCR_FILE}", UNHCR)

    def make_run(self, name, kidal_2012, refugees_2012):
        events = [EVENT_COLUMNS]
        n = 0
        for _ in range(kidal_2012):
            n += 1
            events.append(event_line(n, "2012-02-01", "Battles", "Armed clash", "Kidal", 3))
        for _ in range(6):
            n += 1
            events.append(event_line(n, "2013-01-15", "Battles", "Armed clash", "Mopti", 7))
        self.write(f"{name}/events.csv", "\n".join(events) + "\n")
        self.write(f"{name}/timeseries.csv",
                   timeseries({2012: refugees_2012, 2013: 6000}, {2012: 20000, 2013: 9000},
                              {(2013, 10): 1.5, (2013, 11): 0.5, (2014, 1): 9}))
        return os.path.join(self.tmp.name, name)

    def run_main(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = validate.main([*args, "--observed-dir", self.obs])
        return status, out.getvalue(), err.getvalue()

    def test_ensemble(self):
        runs = [self.make_run("r1", 3, 8000), self.make_run("r2", 5, 4000)]
        out_json = os.path.join(self.tmp.name, "v.json")
        status, text, err = self.run_main(*runs, "--to", "2013-12-31", "--json", out_json)
        self.assertEqual(status, 0, err)
        self.assertIn("Region-year comparison", text)
        with open(out_json, encoding="utf-8") as handle:
            result = json.load(handle)
        self.assertEqual(result["years"], [2012, 2013])
        ev = result["region_year"]["events"]
        self.assertEqual(ev["observed_total"], 4 + 2 + 6 + 1)
        cell = next(c for c in ev["cells"] if c["region"] == "Kidal" and c["year"] == 2012)
        self.assertEqual((cell["observed"], cell["model"], cell["persistence"], cell["trend"]),
                         (4, 4.0, 0, 0))
        cell = next(c for c in ev["cells"] if c["region"] == "Tombouctou" and c["year"] == 2012)
        self.assertEqual((cell["persistence"], cell["trend"]), (4, 8))  # from 2011 and 2010
        nat = result["national"]["events"]["years"]
        self.assertEqual([r["observed"] for r in nat], [6, 7])
        self.assertEqual([r["model"] for r in nat], [4.0, 6.0])
        self.assertAlmostEqual(nat[0]["model_p5"], 3.1)
        self.assertAlmostEqual(nat[0]["model_p95"], 4.9)
        self.assertEqual([r["persistence"] for r in nat], [4, 6])
        self.assertEqual([r["trend"] for r in nat], [6, 8])  # 2*4-2, 2*6-4
        fat = result["national"]["fatalities"]["years"]
        self.assertEqual([r["model"] for r in fat], [12.0, 42.0])
        mi = result["scalars"]["minusma_malicious_fatalities"]["years"]
        self.assertEqual([(r["observed"], r["model"]) for r in mi], [(0, 0), (2, 2.0)])
        ref = result["scalars"]["refugees_abroad_year_end"]["years"]
        self.assertEqual([(r["observed"], r["model"], r["persistence"]) for r in ref],
                         [(8000, 6000.0, 100), (6000, 6000.0, 8000)])
        idp = result["scalars"]["idps_year_end"]["years"]
        self.assertEqual([r["model"] for r in idp], [20000.0, 9000.0])
        self.assertEqual(result["shares"]["events"]["by_region"]["Mopti"]["observed"], 6 / 13)
        metrics = {v["metric"]: v for v in result["verdicts"]}
        self.assertTrue(metrics["refugees_abroad_year_end: log-MAE"]["beats_persistence"])

    def test_says_when_persistence_wins(self):
        run = self.make_run("r1", 0, 1)  # nothing in Kidal, almost no refugees
        status, text, _ = self.run_main(run, "--to", "2013-12-31")
        self.assertEqual(status, 0)
        self.assertIn("THE MODEL DOES NOT BEAT PERSISTENCE", text)
        self.assertIn("refugees_abroad_year_end: log-MAE", text.split("DOES NOT BEAT")[1])

    def test_bad_inputs_exit_2(self):
        run = self.make_run("r1", 3, 8000)
        status, _, err = self.run_main(run, "--to", "2017-12-31")
        self.assertEqual(status, 2)
        self.assertIn("2016-12-31", err)
        status, _, err = self.run_main(run, "--from", "2012-03-01", "--to", "2013-12-31")
        self.assertEqual(status, 2)
        status, _, err = self.run_main(os.path.join(self.tmp.name, "nowhere"), "--to",
                                       "2013-12-31")
        self.assertEqual(status, 2)
        self.assertIn("nowhere", err)
        with open(os.path.join(run, "events.csv"), "a", encoding="utf-8") as handle:
            handle.write(event_line(99, "2012-02-31", "Battles", "Armed clash", "Gao", 1) + "\n")
        status, _, err = self.run_main(run, "--to", "2013-12-31")
        self.assertEqual(status, 2)
        self.assertIn(os.path.join(run, "events.csv") + ":11: event_date", err)

    def test_run_too_short(self):
        run = self.make_run("r1", 3, 8000)
        status, _, err = self.run_main(run)  # window to 2016, run ends 2013
        self.assertEqual(status, 2)
        self.assertIn("before the window's end", err)


def pattern_events(recapture_gao="2013-01-26", ied_2016=True, turn="2012-06-05"):
    rows = [EVENT_COLUMNS]
    n = 0

    def add(date, kind, sub, actor1, actor2, location, admin1):
        nonlocal n
        n += 1
        rows.append(event_line(n, date, kind, sub, admin1, 0, actor1, actor2, location))

    army = "Military Forces of Mali"
    add("2012-01-29", "Battles", patterns.OVERTAKE, MNLA, army, "Gao", "Gao")
    add("2012-02-02", "Battles", patterns.OVERTAKE, "Ansar Dine", army, "Kidal", "Kidal")
    add("2012-04-01", "Battles", patterns.OVERTAKE, "Ansar Dine", army, "Tombouctou", "Tombouctou")
    add(turn, "Battles", patterns.OVERTAKE, "Movement for Oneness and Jihad in West Africa", MNLA,
        "Gao", "Gao")
    add(recapture_gao, "Battles", patterns.REGAIN, army, "Ansar Dine", "Gao", "Gao")
    add("2013-01-28", "Battles", patterns.REGAIN, army, "Ansar Dine", "Timbuktu", "Tombouctou")
    add("2013-01-30", "Battles", patterns.REGAIN, army, "Ansar Dine", "Kidal", "Kidal")
    for i in range(47):
        add(f"2015-03-{1 + i % 28:02d}", "Battles", "Armed clash", "AQIM", army, "Gao", "Gao")
    for year in ((2014, 2015, 2016) if ied_2016 else (2014, 2015)):
        add(f"{year}-06-01", "Explosions/Remote violence", "IED", "AQIM", army, "Gao", "Gao")
    return "\n".join(rows) + "\n"


class PatternTests(Temp):
    def check(self, text):
        return patterns.check_patterns(patterns.load_events(self.write("run/events.csv", text)))

    def test_all_met(self):
        result = self.check(pattern_events())
        self.assertEqual({k: v["ok"] for k, v in result.items()},
                         {"north_lost": True, "islamists_take_gao": True, "recapture": True,
                          "guerrilla": True})

    def test_failures(self):
        result = self.check(pattern_events(recapture_gao="2013-04-01", ied_2016=False,
                                           turn="2012-09-15"))
        self.assertFalse(result["recapture"]["ok"])
        self.assertIn("Gao 2013-04-01", result["recapture"]["detail"])
        self.assertFalse(result["guerrilla"]["ok"])  # 49 events and no IED in 2016
        self.assertFalse(result["islamists_take_gao"]["ok"])
        self.assertTrue(result["north_lost"]["ok"])

    def test_main_on_run_folders(self):
        self.write("r1/events.csv", pattern_events())
        self.write("r2/events.csv", pattern_events(ied_2016=False))
        out, out_json = io.StringIO(), os.path.join(self.tmp.name, "p.json")
        with contextlib.redirect_stdout(out):
            status = patterns.main(["--runs", os.path.join(self.tmp.name, "r1"),
                                    os.path.join(self.tmp.name, "r2"), "--json", out_json])
        self.assertEqual(status, 0)
        self.assertIn("d  1/2 runs (50 %)", out.getvalue())
        with open(out_json, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["share"]["recapture"], 1.0)

    def test_missing_binary_exit_2(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = patterns.main(["--seeds", "1", "--binary",
                                    os.path.join(self.tmp.name, "no-peacesim")])
        self.assertEqual(status, 2)
        self.assertIn("no-peacesim", err.getvalue())


class CalibrateTests(Temp):
    DECLARED = {
        "strategy_attack_rate": {"kind": "real", "range": [0.0, 0.2], "unit": "1/day",
                                 "value": 0.01},
        "flight_tolerance_days": {"kind": "real", "range": [1.0, 250.0], "unit": "days",
                                  "value": 20.0},
        "combat_max_days": {"kind": "integer", "range": [1, 60], "unit": "days", "value": 10},
        "flight_enabled": {"kind": "boolean", "range": [0, 1], "unit": "1", "value": 1},
    }

    def test_space_and_draws(self):
        space = calibrate.build_space(
            [("strategy_attack_rate", 0.001, 0.5, None, "real"),
             ("combat_max_days", 2, 30, "lin", "real")], self.DECLARED)
        self.assertEqual((space[0]["lo"], space[0]["hi"], space[0]["log"]), (0.001, 0.2, True))
        self.assertTrue(space[1]["integer"])
        a = [calibrate.draw(space, random.Random(5)) for _ in range(1)]
        b = [calibrate.draw(space, random.Random(5)) for _ in range(1)]
        self.assertEqual(a, b)  # repeatable
        rng = random.Random(1)
        for _ in range(200):
            v = calibrate.draw(space, rng)
            self.assertTrue(0.001 <= v["strategy_attack_rate"] <= 0.2)
            self.assertIsInstance(v["combat_max_days"], int)
            self.assertTrue(2 <= v["combat_max_days"] <= 30)
        with self.assertRaises(validate.InputError):
            calibrate.build_space([("nope", 0, 1, None, "real")], self.DECLARED)
        with self.assertRaises(validate.InputError):
            calibrate.build_space([("flight_enabled", 0, 1, None, "real")], self.DECLARED)
        with self.assertRaises(validate.InputError):
            calibrate.build_space([("strategy_attack_rate", 0.5, 0.9, None, "real")],
                                  self.DECLARED)

    def test_parse_param(self):
        self.assertEqual(calibrate.parse_param("a=0.1:2:log"), ("a", 0.1, 2.0, "log"))
        self.assertEqual(calibrate.parse_param("a=0:2"), ("a", 0.0, 2.0, None))
        for bad in ("a", "a=1", "a=2:1", "a=0:1:log", "a=0:1:cubic"):
            with self.assertRaises(validate.InputError):
                calibrate.parse_param(bad)

    def test_loss_and_yaml(self):
        def years(obs, model, pers):
            return [{"year": 2012 + i, "observed": o, "model": m, "persistence": p}
                    for i, (o, m, p) in enumerate(zip(obs, model, pers))]
        result = {
            "region_year": {"events": {"model": {"log_mae": 0.5}, "persistence": {"log_mae": 1}},
                            "fatalities": {"model": {"log_mae": 0.25},
                                           "persistence": {"log_mae": 2}}},
            "scalars": {"refugees_abroad_year_end": {"years": years([0, 1], [math.e - 1, 1],
                                                                    [0, 1])},
                        "idps_year_end": {"years": years([0, 0], [0, 0], [0, 0])}},
        }
        loss, parts = calibrate.loss_of(result)
        self.assertAlmostEqual(parts["displaced_log_error"], 0.5)
        self.assertAlmostEqual(loss, 1.25)
        self.assertAlmostEqual(calibrate.persistence_loss(result), 3.0)

        space = calibrate.build_space([("flight_tolerance_days", 5, 200, None, "real")],
                                      self.DECLARED)
        args = calibrate.parse_args(["--candidates", "3", "--seeds", "2"])
        path = os.path.join(self.tmp.name, "best.yaml")
        calibrate.write_yaml(path, {"flight_tolerance_days": 42.5}, space, args, 1.0, 2.0, 3.0)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        self.assertIn("\nparameters:\n  flight_tolerance_days: {value: 42.5, unit: \"days\", "
                      "source: ", text)


if __name__ == "__main__":
    unittest.main()


class CellsReportTest(unittest.TestCase):
    def test_every_region_year_is_printed_with_its_baselines(self):
        import validate  # noqa: E402  (tools/mali is on the path above)
        cell = {"region": "Gao", "year": 2013, "observed": 12, "model": 7.5, "persistence": 3, "trend": 4}
        result = {"region_year": {"events": {"cells": [cell]}, "fatalities": {"cells": [dict(cell, observed=40)]}}}
        text = validate.cells_report(result)
        self.assertIn("Region-years: events", text)
        self.assertIn("Region-years: fatalities", text)
        self.assertRegex(text, r"Gao\s+2013\s+12\s+7\.5\s+3\s+4")
        self.assertRegex(text, r"Gao\s+2013\s+40\s+7\.5\s+3\s+4")
