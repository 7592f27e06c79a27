// `peacesim backtest` and `peacesim patterns` end to end on the Mali scenario at a coarse scale:
// the fit sees nothing after the origin and says what it refused, the scores cover the years after
// the origin only, the output is the same bytes whatever the threads, and bad origins are located
// errors. Also `peacesim calibrate`'s re-check on fresh seeds. These tests check the machinery,
// never the model's score.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

const std::string kObserved =
    " --observed data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv"
    " --observed data/observed/unhcr_population_mali_origin_or_asylum_2009-2016.csv"
    " --observed data/observed/minusma_fatalities_2013-2016.csv";

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_backtest_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  return p;
}

TEST(Backtest, ASensitivityScoresEachPointAsABacktestFromTheForecastOrigin) {
  // issue 18 item 1: the backtest's metrics as outcomes of `sensitivity`. Each point forecasts 2016
  // from the state observed at the end of 2015 and is scored on 2016; a parameter that moves the
  // violence moves the forecast's error.
  const auto out = fresh("sensitivity.json");
  const std::string base =
      "sensitivity scenarios/mali/mali.yaml --scale 1000 --set calendar.end=2016-12-31 "
      "--param civilians_guerrilla_rate=0.0005:0.02 --param mobilization_threshold --trajectories 2 --runs 2 "
      "--threads 2";
  const auto r = run_peacesim(base + " --set calendar.forecast_origin=2015-12-31" + kObserved +
                              " --outcome 'backtest:fatalities: log-MAE' --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["backtest"]["origin"], "2015-12-31");
  EXPECT_EQ(j["backtest"]["scored"], nlohmann::json({"2016-01-01", "2016-12-31"}));
  const auto& rows = j["effects"]["backtest:fatalities: log-MAE"];
  ASSERT_EQ(rows.size(), 2u);
  double largest = 0.0;
  for (const auto& row : rows) largest = std::max(largest, row["mu_star"].get<double>());
  EXPECT_GT(largest, 0.0) << "every point scored alike";
  fs::remove(out);
  // Without --outcome, the headline outcomes and the backtest's CRPS.
  const auto all = run_peacesim(base + " --set calendar.forecast_origin=2015-12-31" + kObserved + " --out " +
                                out.string());
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_TRUE(
      nlohmann::json::parse(read_file(out))["effects"].contains("backtest:fatalities: CRPS on ln(1+x)"));
  fs::remove(out);
  // A metric needs the observations, a known name and a forecast origin with years after it.
  const auto unobserved = run_peacesim(base + " --outcome 'backtest:fatalities: log-MAE'");
  EXPECT_EQ(unobserved.exit_code, 2);
  EXPECT_NE(unobserved.err.find("needs --observed"), std::string::npos) << unobserved.err;
  const auto misspelt = run_peacesim(base + " --set calendar.forecast_origin=2015-12-31" + kObserved +
                                     " --outcome 'backtest:fatalities: CRPS'");
  EXPECT_EQ(misspelt.exit_code, 2);
  EXPECT_NE(misspelt.err.find("backtest:fatalities: CRPS on ln(1+x)"), std::string::npos) << misspelt.err;
  const auto too_late = run_peacesim(base + " --set calendar.forecast_origin=2016-12-31" + kObserved);
  EXPECT_EQ(too_late.exit_code, 2);
  EXPECT_NE(too_late.err.find("calendar.forecast_origin"), std::string::npos) << too_late.err;
}

TEST(Backtest, FitsOnTheYearsUpToTheOriginAndScoresTheYearsAfter) {
  const auto out = fresh("fit.json");
  const auto r = run_peacesim(
      "backtest scenarios/mali/mali.yaml --scale 1000 --origin 2014-12-31 --runs 3 "
      "--budget 3 --fit-runs 1 --recheck 1 --recheck-runs 1 --nb-paths 100 --threads 2" +
      kObserved + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // It says which observations it refused for the fit.
  EXPECT_NE(r.out.find("refused for the fit (dated after the origin): ACLED events 2015–2016"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Verdict: the model beats the best baseline on"), std::string::npos);
  const auto j = nlohmann::json::parse(read_file(out));
  ASSERT_EQ(j["origins"].size(), 1u);
  const auto& o = j["origins"][0];
  EXPECT_EQ(o["fit"]["to"], "2014-12-31");
  EXPECT_EQ(o["fit"]["from"], "2012-01-01");  // the scenario's calibration: section
  ASSERT_EQ(o["fit"]["parameters"].size(), 3u);
  for (const auto& p : o["fit"]["parameters"]) {
    EXPECT_GE(p["fitted"].get<double>(), p["low"].get<double>());
    EXPECT_LE(p["fitted"].get<double>(), p["high"].get<double>());
  }
  EXPECT_EQ(o["fit"]["evaluations"], 3);
  EXPECT_TRUE(o["fit"]["rehearsal_origin"].is_null());  // not rehearsed
  // Fit seeds follow the forecast's: no member of the forecast is one the fit was chosen on.
  EXPECT_EQ(o["seeds"], nlohmann::json({1, 2, 3}));
  EXPECT_EQ(o["fit"]["seeds"], nlohmann::json({4}));
  EXPECT_EQ(o["fit"]["recheck_seeds"], nlohmann::json({5}));
  EXPECT_FALSE(o["fit"]["fresh_loss_start"].is_null());
  // Scored: 2015 and 2016 only, every region-year, beside the three baselines.
  EXPECT_EQ(o["scores"]["scored_years"], nlohmann::json({2015, 2016}));
  EXPECT_EQ(o["scores"]["rows"].size(), 2u * 9u * 2u);
  for (const auto& row : o["scores"]["rows"]) {
    EXPECT_GE(row["year"].get<int>(), 2015);
    EXPECT_FALSE(row["nb"].is_null());
  }
  std::size_t judged = 0, lost = 0;
  for (const auto& m : o["scores"]["metrics"]) {
    if (m["model_beats_best"].is_null()) continue;
    ++judged;
    lost += m["model_beats_best"].get<bool>() ? 0 : 1;
  }
  EXPECT_GT(judged, 20u);
  EXPECT_EQ(o["scores"]["verdict"]["metrics_judged"], judged);
  EXPECT_EQ(o["scores"]["verdict"]["not_beaten"].size(), lost);
  // Each score's spread over resamples of the members (200 by default), in the JSON and the table.
  EXPECT_EQ(o["scores"]["resampling"]["replicates"], 200);
  EXPECT_EQ(o["scores"]["resampling"]["members"], 3);
  for (const auto& m : o["scores"]["metrics"]) {
    if (m["model"].is_null()) continue;
    ASSERT_FALSE(m["model_resampled"].is_null()) << m["name"];
    EXPECT_GE(m["model_resampled"]["sd"].get<double>(), 0.0);
    EXPECT_LE(m["model_resampled"]["p5"].get<double>(), m["model_resampled"]["p95"].get<double>());
  }
  EXPECT_NE(r.out.find("resamples of its members on"), std::string::npos) << r.out;
  // The patterns, member by member.
  ASSERT_EQ(o["patterns"].size(), 11u);
  EXPECT_EQ(o["patterns"][0]["id"], "north_falls_late_march");
  EXPECT_EQ(o["patterns"][0]["runs"], 3);
  EXPECT_EQ(o["patterns"][0]["by_run"][0]["detail"].get<std::string>().rfind("Kidal 2012-", 0), 0u);
  fs::remove(out);
}

TEST(Backtest, TheSameBytesWhateverTheThreads) {
  const std::string command =
      "backtest scenarios/mali/mali.yaml --scale 1000 --origin 2014-12-31 --origin "
      "2015-12-31 --runs 3 --no-fit --nb-paths 100 -q" +
      kObserved;
  const auto one = fresh("one.json"), two = fresh("two.json");
  ASSERT_EQ(run_peacesim(command + " --threads 1 --out " + one.string()).exit_code, 0);
  ASSERT_EQ(run_peacesim(command + " --threads 2 --out " + two.string()).exit_code, 0);
  const std::string a = read_file(one);
  EXPECT_EQ(a, read_file(two));
  const auto j = nlohmann::json::parse(a);
  ASSERT_EQ(j["origins"].size(), 2u);
  EXPECT_TRUE(j["origins"][0]["fit"].is_null());
  EXPECT_EQ(j["origins"][1]["scores"]["scored_years"], nlohmann::json({2016}));
  fs::remove(one);
  fs::remove(two);
}

TEST(Backtest, BadOriginsAndOptionsAreLocatedErrors) {
  const std::string base = "backtest scenarios/mali/mali.yaml --scale 1000 --runs 2" + kObserved;
  auto r = run_peacesim(base + " --origin 2014-06-30");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--origin'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a 31 December"), std::string::npos) << r.err;
  r = run_peacesim(base + " --origin 2016-12-31");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nothing is observed after it"), std::string::npos) << r.err;
  r = run_peacesim(base + " --origin 2014-12-31 --no-fit --param combat_attrition");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot be combined with --no-fit"), std::string::npos) << r.err;
  r = run_peacesim(base + " --origin 2014-12-31 --no-fit --rehearse");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--rehearse'"), std::string::npos) << r.err;
  r = run_peacesim(base + " --origin 2014-12-31 --rehearse --fit-from 2014-01-01 --budget 2 --fit-runs 1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("at least a year before that origin"), std::string::npos) << r.err;
  r = run_peacesim(base + " --origin 2014-12-31 --fit-from 2015-01-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--fit-from'"), std::string::npos) << r.err;
  r = run_peacesim("backtest scenarios/examples/epstein_mesa.yaml --origin 2000-01-31 --runs 2" + kObserved);
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

// --discrepancy: each origin's hindcasts start at every 31 December from the first whole simulated
// year to the one before the origin, their σ are reported, the members' mean (the point forecast)
// is as without, the intervals are at least as wide, and the bytes do not depend on the threads.
TEST(Backtest, ADiscrepancyFromHindcastsWidensTheIntervals) {
  const std::string base =
      "backtest scenarios/mali/mali.yaml --scale 1000 --origin 2014-12-31 --runs 4 --no-fit "
      "--nb-paths 50 --resample 0 -q" +
      kObserved;
  const auto plain = fresh("plain.json"), one = fresh("wide1.json"), two = fresh("wide2.json");
  ASSERT_EQ(run_peacesim(base + " --threads 2 --out " + plain.string()).exit_code, 0);
  auto r = run_peacesim(base + " --discrepancy --discrepancy-runs 3 --threads 1 --out " + one.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(
      run_peacesim(base + " --discrepancy --discrepancy-runs 3 --threads 2 --out " + two.string()).exit_code,
      0);
  EXPECT_EQ(read_file(one), read_file(two));
  const auto p = nlohmann::json::parse(read_file(plain))["origins"][0];
  const auto w = nlohmann::json::parse(read_file(one))["origins"][0];
  EXPECT_TRUE(p["discrepancy"].is_null());
  const auto& d = w["discrepancy"];
  EXPECT_EQ(d["members"], 3);
  ASSERT_EQ(d["hindcast_origins"].size(), 2u);  // the scenario starts on 1 October 2011
  EXPECT_EQ(d["hindcast_origins"][0]["origin"], "2012-12-31");
  EXPECT_EQ(d["hindcast_origins"][1]["origin"], "2013-12-31");
  // Lead 1: the region-years of 2013 (from 2012) and 2014 (from 2013), 2 × 9.
  EXPECT_EQ(d["sigma"]["fatalities"]["1"]["cells"], 18);
  EXPECT_TRUE(d["sigma"]["fatalities"]["1"]["used"].get<bool>());
  ASSERT_EQ(p["scores"]["rows"].size(), w["scores"]["rows"].size());
  double wider = 0;
  for (std::size_t i = 0; i < p["scores"]["rows"].size(); ++i) {
    const auto& a = p["scores"]["rows"][i];
    const auto& b = w["scores"]["rows"][i];
    EXPECT_EQ(a["model"], b["model"]);
    wider += b["model_p95"].get<double>() - b["model_p5"].get<double>() -
             (a["model_p95"].get<double>() - a["model_p5"].get<double>());
  }
  EXPECT_GT(wider, 0.0);
  r = run_peacesim(base + " --discrepancy --discrepancy-runs 5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--discrepancy-runs'"), std::string::npos) << r.err;
  r = run_peacesim(base + " --discrepancy-runs 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("which is not given"), std::string::npos) << r.err;
  r = run_peacesim(
      "backtest scenarios/mali/mali.yaml --scale 1000 --origin 2012-12-31 --runs 2 --no-fit "
      "--discrepancy" +
      kObserved);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("to hindcast from"), std::string::npos) << r.err;
  for (const auto& f : {plain, one, two}) fs::remove(f);
}

// With a posterior per origin, an origin's members take its draws (two to a draw, recorded in the
// report), and a posterior fitted up to another date than the origin is refused: it would have
// seen the years it is scored on, or fewer than it may.
TEST(Backtest, APosteriorPerOriginGivesItsMembersTheirDraws) {
  const auto post = fresh("posterior.yaml");
  const auto out = fresh("posterior.json");
  const auto write = [&](const std::string& origin) {
    std::ofstream(post) << "posterior:\n  origin: " << origin
                        << "\n  parameters: [combat_attrition]\n  draws:\n"
                           "    - {weight: 1, values: [0.004]}\n    - {weight: 1, values: [0.012]}\n";
  };
  write("2015-12-31");
  const std::string base =
      "backtest scenarios/mali/mali.yaml --scale 1000 --runs 4 --threads 2 -q" + kObserved;
  auto r =
      run_peacesim(base + " --origin 2015-12-31 --posterior " + post.string() + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(out));
  const auto& o = j["origins"][0];
  EXPECT_EQ(o["posterior"]["file"], post.string());
  const auto draws = o["posterior"]["draws"].get<std::vector<std::size_t>>();
  ASSERT_EQ(draws.size(), 4u);
  EXPECT_EQ(draws[0], draws[1]);
  EXPECT_EQ(draws[2], draws[3]);
  EXPECT_NE(draws[0], draws[2]);  // equal weights, two draws: one each
  // The draws are what the members run with: one draw at the scenario's own value scores as the
  // scenario does; a draw far from it does not.
  const auto scores_with = [&](const std::string& value) {
    std::ofstream(post) << "posterior:\n  origin: 2015-12-31\n  parameters: [combat_attrition]\n  draws:\n"
                           "    - {weight: 1, values: ["
                        << value << "]}\n";
    fs::remove(out);
    const auto run =
        run_peacesim(base + " --origin 2015-12-31 --posterior " + post.string() + " --out " + out.string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(read_file(out))["origins"][0]["scores"].dump();
  };
  fs::remove(out);
  r = run_peacesim(base + " --origin 2015-12-31 --no-fit --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string plain = nlohmann::json::parse(read_file(out))["origins"][0]["scores"].dump();
  // The scenario's own value, as describe reports it (so the test follows a refit of the scenario).
  const auto described = run_peacesim("describe scenarios/mali/mali.yaml --format json");
  ASSERT_EQ(described.exit_code, 0) << described.err;
  std::string own;
  const auto description = nlohmann::json::parse(described.out);
  for (const auto& p : description.at("parameters")) {
    if (p.at("name").get<std::string>() == "combat_attrition") own = p.at("value").dump();
  }
  ASSERT_FALSE(own.empty()) << description.at("parameters").size();
  EXPECT_EQ(scores_with(own), plain);
  EXPECT_NE(scores_with("0.019"), plain);
  write("2016-12-31");
  r = run_peacesim(base + " --origin 2015-12-31 --posterior " + post.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not one of the --origin dates"), std::string::npos) << r.err;
  fs::remove(post);
  fs::remove(out);
}

TEST(Patterns, ReportsTheShareOfSeedsInWhichEachHolds) {
  const auto out = fresh("patterns.json");
  auto r = run_peacesim("patterns scenarios/mali/mali.yaml --scale 1000 --seeds 2 --threads 2 --out " +
                        out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("north_falls_late_march"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["end"], "2016-12-31");  // the last date a pattern looks at
  ASSERT_EQ(j["patterns"].size(), 11u);
  for (const auto& p : j["patterns"]) {
    EXPECT_EQ(p["runs"], 2);
    std::size_t holds = 0;
    for (const auto& run : p["by_run"]) holds += run["holds"].get<bool>() ? 1 : 0;
    EXPECT_EQ(p["holds_in"], holds);
    EXPECT_FALSE(p["source"].get<std::string>().empty());
  }
  fs::remove(out);
  r = run_peacesim("patterns scenarios/examples/epstein_mesa.yaml --seeds 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no patterns: section"), std::string::npos) << r.err;
}

TEST(Calibrate, ReChecksTheBestPointsOnFreshSeeds) {
  const auto params = fresh("recheck.yaml");
  const auto r = run_peacesim(
      "calibrate scenarios/mali/mali.yaml --set calendar.end=2013-12-31 --scale 1000 --param "
      "combat_attrition=0.005:0.03 --from 2012-01-01 --to 2013-12-31 --runs 1 --budget 3 --recheck 2 "
      "--recheck-runs 2"
      " --observed data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv --out " +
      params.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The two best points of the search (which may include the start), and the start.
  EXPECT_NE(r.out.find("point(s) on fresh seeds 2..3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Left out of the fit (after 2013-12-31): ACLED events 2014–2016"), std::string::npos)
      << r.out;
  const std::string text = read_file(params);
  const auto at = text.find("# On fresh seeds 2..3: loss ");
  ASSERT_NE(at, std::string::npos) << text;
  // The point chosen is at least as good as the start on the fresh seeds.
  const double start = std::stod(text.substr(at + 28));
  const auto here = text.find("values, ", at);
  ASSERT_NE(here, std::string::npos) << text;
  EXPECT_LE(std::stod(text.substr(here + 8)), start) << text;
  fs::remove(params);
}

}  // namespace
}  // namespace peacesim::testing
