// Issue 19: every command on a theatre the code has never heard of. tests/fixtures/invented/ holds
// an invented country (two regions, three cercles, four towns, a camp in an invented neighbour, one
// armed group, one operation) written only as scenario YAML and its small data files, with invented
// observations that spell one region two ways, and UN fatalities of its operation beside another
// mission's. If any generic code assumed a real theatre (its
// regions, country, capital or actors), one of these commands would fail or miscount.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "run_peacesim.hpp"
#include "serve_process.hpp"

namespace peacesim::web {
namespace {

namespace fs = std::filesystem;
using peacesim::testing::read_file;
using peacesim::testing::run_peacesim;

const std::string kScenario = "tests/fixtures/invented/invented.yaml";
const std::string kObserved =
    " --observed tests/fixtures/invented/invented_acled_aggregates.csv"
    " --observed tests/fixtures/invented/invented_unhcr.csv"
    " --observed tests/fixtures/invented/invented_un_fatalities.csv";

class InventedTheatre : public ::testing::Test {
 protected:
  static fs::path dir() {
    static const fs::path d = fs::temp_directory_path() / ("peacesim_invented_" + std::to_string(::getpid()));
    return d;
  }
  static void SetUpTestSuite() {
    fs::remove_all(dir());
    fs::create_directories(dir());
    const auto r = run_peacesim("run " + kScenario + " --scale 100 -q --out " + (dir() / "run").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { fs::remove_all(dir()); }
};

TEST_F(InventedTheatre, CheckAndDescribeNameItsOwnRegionsAndActors) {
  auto r = run_peacesim("check " + kScenario);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* format : {"text", "markdown", "json"}) {
    r = run_peacesim("describe " + kScenario + " --format " + format);
    ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("Northland"), std::string::npos) << format;
    EXPECT_NE(r.out.find("INSO"), std::string::npos) << format;                         // the operation
    EXPECT_NE(r.out.find("Centraville"), std::string::npos) << format;                  // the capital
    EXPECT_NE(r.out.find("invented_region_aliases.csv"), std::string::npos) << format;  // its spellings
  }
  EXPECT_TRUE(nlohmann::json::accept(r.out));  // the last format, JSON, parses
}

TEST_F(InventedTheatre, ARunsEventsAreInItsRegionsAndItsFolderKeepsTheirSpellings) {
  const fs::path run = dir() / "run";
  const std::string events = read_file(run / "events.csv");
  ASSERT_NE(events.find("\n"), std::string::npos);
  EXPECT_NE(events.find("Invented Republic"), std::string::npos);  // ACLED's country column
  EXPECT_NE(events.find("Military Forces of the Invented Republic"), std::string::npos);
  EXPECT_EQ(events.find("Mali"), std::string::npos);
  const std::string regions = read_file(run / "regions.csv");
  EXPECT_EQ(
      regions,
      "alias,region\nNorthland,Northland\nSouthland,Southland\nNordland,Northland\nSudland,Southland\n");
}

TEST_F(InventedTheatre, EnsembleAndCompareRunOnIt) {
  auto r =
      run_peacesim("ensemble " + kScenario + " --runs 2 --scale 100 -q --out " + (dir() / "ens").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Each member keeps its region table; the map and theatre, shared, are the ensemble's.
  for (const char* file : {"events.csv", "regions.csv"})
    EXPECT_TRUE(fs::exists(dir() / "ens" / "member-0001" / file)) << file;
  EXPECT_NE(read_file(dir() / "ens" / "map.geojson").find("\"Southland\""), std::string::npos);
  r = run_peacesim("compare " + kScenario +
                   " tests/fixtures/invented/invented_variant.yaml --runs 2 --scale 100 -q --out " +
                   (dir() / "compare.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = nlohmann::json::parse(read_file(dir() / "compare.json"));
  EXPECT_NE(report.dump().find("fatalities_battles[Invented Republic]"), std::string::npos);
}

TEST_F(InventedTheatre, ValidateCountsTheObservedSpellingsInItsRegionsOverItsOwnWindow) {
  const auto r = run_peacesim("validate " + (dir() / "run").string() + kObserved + " -q --out " +
                              (dir() / "validate.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(dir() / "validate.json"));
  // By default, from the run's first 1 January to its theatre's observations_end.
  EXPECT_EQ(j["window"]["from"], "2010-01-01");
  EXPECT_EQ(j["window"]["to"], "2016-12-31");
  // The invented observations spell Northland "Nordland" from 2013: 40 deaths in 2014, all of them.
  bool seen = false;
  for (const auto& row : j["rows"]) {
    if (row["metric"] == "fatalities" && row["region"] == "Northland" && row["year"] == 2014) {
      EXPECT_EQ(row["observed"].get<double>(), 40.0);
      seen = true;
    }
    EXPECT_NE(row["region"], "Nordland");
  }
  EXPECT_TRUE(seen) << j["rows"].dump();
  // The UN's file is read for the theatre's own UN operation (INSO, its series casualties_inso):
  // deaths by malicious acts, another mission's and illness left out.
  std::map<int, double> observed;
  for (const auto& row : j["scalars"]["inso_malicious_fatalities"]) observed[row["year"]] = row["observed"];
  EXPECT_EQ(observed, (std::map<int, double>{{2013, 1}, {2014, 3}, {2015, 2}, {2016, 1}}))
      << j["scalars"].dump();
}

TEST_F(InventedTheatre, BacktestScoresItsRegionsFromAnOrigin) {
  const auto r =
      run_peacesim("backtest " + kScenario + " --origin 2014-12-31 --runs 2 --no-fit --scale 100 -q" +
                   kObserved + " --out " + (dir() / "backtest.json").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(read_file(dir() / "backtest.json"));
  ASSERT_EQ(j["origins"].size(), 1u);
  EXPECT_NE(j["origins"][0].dump().find("Southland"), std::string::npos);
}

TEST_F(InventedTheatre, ReportAndServeShowIt) {
  const fs::path html = dir() / "report.html";
  const auto r =
      run_peacesim("report " + (dir() / "run").string() + kObserved + " -q --out " + html.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(html).find("Invented Republic"), std::string::npos);

  testing::ServeProcess serve({"serve", (dir() / "run").string(), "--port", "0"});
  const std::string marker = "the dashboard at http://127.0.0.1:";
  const auto line = serve.wait_for_line(marker);
  ASSERT_TRUE(line) << serve.err();
  const int port = std::stoi(line->substr(line->find(marker) + marker.size()));
  httplib::Client client("127.0.0.1", port);
  const auto runs = client.Get("/api/runs");
  ASSERT_TRUE(runs);
  EXPECT_EQ(runs->status, 200);
  EXPECT_NE(runs->body.find("Invented Republic"), std::string::npos) << runs->body;
  EXPECT_EQ(serve.interrupt(), 0);
}

}  // namespace
}  // namespace peacesim::web
