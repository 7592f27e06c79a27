#include "output/run_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/simulation.hpp"
#include "support/toy_model.hpp"

namespace peacesim::output {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::int64_t count(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr);
  std::int64_t n = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return n;
}

class RunStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peacesim_store_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "toy.yaml")
        << "peacesim: 1\nname: toy\nmodel: toy\ncalendar: {start: 2012-01-01, end: "
           "2012-02-15}\nparameters:\n  walkers: 300\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the toy model and writes it to `out`; returns the number of events.
  std::size_t run_to(const fs::path& out, unsigned threads) {
    const auto s = scenario::load_scenario(dir_ / "toy.yaml");
    const auto params = scenario::resolve_parameters(s, testing::toy_parameters());
    testing::ToyModel model(params, s.seed);
    engine::Simulation sim(model, engine::Clock(s.start, s.end), {s.seed, threads, {}, nullptr, 0, 0.0, {}});
    const auto result = sim.run();
    RunFolder folder(out);
    write_run(folder,
              RunRecord{s, params, sim.recorder(), result, {{"walkers", "300"}}, threads, 300, 0.1, {}});
    return sim.recorder().events().size();
  }

  fs::path dir_;
};

TEST_F(RunStore, WritesTheFourFilesConsistently) {
  const std::size_t events = run_to(dir_ / "run", 1);
  for (const char* f : {kManifestFile, kDatabaseFile, kSeriesFile, kEventsFile}) {
    EXPECT_TRUE(fs::exists(dir_ / "run" / f)) << f;
  }
  const auto db = dir_ / "run" / kDatabaseFile;
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM events"), static_cast<std::int64_t>(events));
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM regions"), 2);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parameters"), 2);
  // 46 days: walkers (gauge, daily) 2 x 47 rows with the initial one; clashes (flow, monthly) 2 x 2.
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM timeseries"), 2 * 47 + 2 * 2);
  EXPECT_EQ(count(db, "SELECT SUM(value) FROM series_long WHERE series = 'clashes'"),
            static_cast<std::int64_t>(events));

  const std::string csv = slurp(dir_ / "run" / kEventsFile);
  EXPECT_EQ(
      csv.substr(0, csv.find('\n')),
      "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,interaction,country,admin1,"
      "admin2,location,latitude,longitude,fatalities");
  EXPECT_NE(csv.find(",\"Walker, \"\"the other\"\"\","), std::string::npos);  // RFC 4180 quoting
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), events + 1);

  const auto manifest = nlohmann::json::parse(slurp(dir_ / "run" / kManifestFile));
  EXPECT_EQ(manifest["scenario"]["name"], "toy");
  EXPECT_EQ(manifest["run"]["seed"], 1);
  EXPECT_EQ(manifest["parameters"][0]["name"], "walkers");
  EXPECT_EQ(manifest["parameters"][0]["value"], 300.0);
  EXPECT_TRUE(manifest["timings"].contains("steps_seconds"));
  EXPECT_EQ(manifest["resolved_scenario"]["parameters"]["walkers"], "300");
}

TEST_F(RunStore, OutputsAreByteIdenticalForOneAndTwoThreads) {
  run_to(dir_ / "one", 1);
  run_to(dir_ / "two", 2);
  for (const char* f : {kDatabaseFile, kSeriesFile, kEventsFile}) {
    EXPECT_EQ(slurp(dir_ / "one" / f), slurp(dir_ / "two" / f)) << f;
  }
}

}  // namespace
}  // namespace peacesim::output
