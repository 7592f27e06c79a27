// The `peacesim` command end to end: outputs, determinism across threads, overrides, refusal to
// overwrite, interruption, and the informational commands.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "background_peacesim.hpp"
#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

class RunCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("peacesim_cli_test_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string out(const std::string& name) const { return "'" + (dir_ / name).string() + "'"; }
  fs::path dir_;
};

TEST_F(RunCommand, WritesARunFolderAndSaysWhere) {
  const auto r = run_peacesim("run scenarios/examples/epstein_mesa.yaml --out " + out("run"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"manifest.json", "results.sqlite", "timeseries.csv", "events.csv"}) {
    EXPECT_TRUE(fs::exists(dir_ / "run" / f)) << f;
  }
  EXPECT_NE(r.out.find("Outputs in " + (dir_ / "run").string()), std::string::npos) << r.out;
  const std::string series = read_file(dir_ / "run" / "timeseries.csv");
  EXPECT_EQ(series.substr(0, series.find('\n')), "date,step,region,series,value");
  // 4 series (quiet, active, jailed, cops) x 101 rows (the initial state and 100 steps).
  EXPECT_EQ(std::count(series.begin(), series.end(), '\n'), 1 + 4 * 101);
  const auto manifest = nlohmann::json::parse(read_file(dir_ / "run" / "manifest.json"));
  EXPECT_EQ(manifest["scenario"]["model"], "epstein_mesa");
  EXPECT_EQ(manifest["run"]["steps_done"], 100);
  bool found = false;
  for (const auto& p : manifest["parameters"]) {
    if (p["name"] == "legitimacy") {
      found = true;
      EXPECT_EQ(p["value"], 0.8);
      EXPECT_EQ(p["source"], "Mesa 3.3.1 example, model.py defaults");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(RunCommand, SameSeedSameBytesWhateverTheThreads) {
  for (const char* scenario : {"epstein_mesa", "epstein_parallel"}) {
    const std::string base =
        std::string("run scenarios/examples/") + scenario + ".yaml --quiet --seed 5 --out ";
    ASSERT_EQ(run_peacesim(base + out(std::string(scenario) + "_1") + " --threads 1").exit_code, 0);
    ASSERT_EQ(run_peacesim(base + out(std::string(scenario) + "_2") + " --threads 2").exit_code, 0);
    for (const char* f : {"results.sqlite", "timeseries.csv", "events.csv"}) {
      EXPECT_EQ(read_file(dir_ / (std::string(scenario) + "_1") / f),
                read_file(dir_ / (std::string(scenario) + "_2") / f))
          << scenario << " " << f;
    }
    auto manifest = [&](const std::string& run) {
      auto m = nlohmann::json::parse(read_file(dir_ / run / "manifest.json"));
      m.erase("timings");
      m["run"].erase("threads");
      return m;
    };
    EXPECT_EQ(manifest(std::string(scenario) + "_1"), manifest(std::string(scenario) + "_2")) << scenario;
  }
}

TEST_F(RunCommand, DifferentSeedsDiffer) {
  ASSERT_EQ(run_peacesim("run scenarios/examples/epstein_mesa.yaml -q --seed 1 --out " + out("a")).exit_code,
            0);
  ASSERT_EQ(run_peacesim("run scenarios/examples/epstein_mesa.yaml -q --seed 2 --out " + out("b")).exit_code,
            0);
  EXPECT_NE(read_file(dir_ / "a" / "timeseries.csv"), read_file(dir_ / "b" / "timeseries.csv"));
}

TEST_F(RunCommand, OverridesReachTheModelAndTheManifest) {
  const auto r = run_peacesim(
      "run scenarios/examples/epstein_mesa.yaml -q --set legitimacy=0.5 --set "
      "calendar.steps=20 --out " +
      out("run"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto manifest = nlohmann::json::parse(read_file(dir_ / "run" / "manifest.json"));
  EXPECT_EQ(manifest["run"]["steps_done"], 20);
  std::size_t found = 0;
  for (const auto& p : manifest["parameters"]) {
    if (p["name"] != "legitimacy") continue;
    ++found;
    EXPECT_EQ(p["value"], 0.5);
    EXPECT_EQ(p["set_at"], "<command line: --set parameters.legitimacy>");
  }
  EXPECT_EQ(found, 1u) << manifest["parameters"].dump();
}

TEST_F(RunCommand, RefusesToOverwriteAndKeepsWhatWasThere) {
  fs::create_directories(dir_ / "run");
  { std::ofstream(dir_ / "run" / "mine.txt") << "precious"; }
  const auto r = run_peacesim("run scenarios/examples/epstein_mesa.yaml --out " + out("run"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir_ / "run" / "mine.txt"), "precious");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "run"), {}), 1);
}

TEST_F(RunCommand, UnwritableOutputIsAnOutputError) {
  { std::ofstream(dir_ / "a_file") << "x"; }
  const auto r = run_peacesim("run scenarios/examples/epstein_mesa.yaml --out " + out("a_file/run"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST_F(RunCommand, InterruptedRunLeavesNoRunFolderOnlyItsCheckpoint) {
  // A run long enough to be interrupted, with SIGINT (Ctrl-C) once it says it is running.
  const auto err = fs::temp_directory_path() / ("peacesim_interrupt_" + std::to_string(::getpid()) + ".err");
  BackgroundPeacesim p(
      "run scenarios/examples/epstein_mesa.yaml --set width=200 --set height=200 --set "
      "calendar.steps=100000 --out " +
          out("run"),
      err);
  ASSERT_TRUE(p.started());
  ASSERT_TRUE(p.wait_for_output("running")) << read_file(err);
  p.signal(SIGINT);
  EXPECT_EQ(p.wait(), 130) << read_file(err);
  const std::string said = read_file(err);
  fs::remove(err);
  EXPECT_NE(said.find("interrupted"), std::string::npos) << said;
  EXPECT_NE(said.find("run the same command to resume"), std::string::npos) << said;
  // No results, half-written or not: only the state to resume from, beside where they will go.
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir_)) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{".run.checkpoint"});
}

TEST_F(RunCommand, PlainProgressLinesWhenNotATerminal) {
  const auto r = run_peacesim("run scenarios/examples/epstein_mesa.yaml --out " + out("run"));
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("epstein-mesa: 100% (100/100 steps"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no bar redraws in a log file
}

TEST(InfoCommands, CheckDescribeVersionHelp) {
  const auto check = run_peacesim("check scenarios/examples/epstein_low_legitimacy.yaml");
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out.rfind("OK scenarios/examples/epstein_low_legitimacy.yaml: model epstein_mesa", 0), 0u)
      << check.out;

  const auto text = run_peacesim("describe scenarios/examples/epstein_low_legitimacy.yaml");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("legitimacy"), std::string::npos);
  EXPECT_NE(text.out.find("assumption: a lower legitimacy"), std::string::npos) << text.out;

  const auto md = run_peacesim("describe scenarios/examples/epstein_mesa.yaml --format markdown");
  EXPECT_NE(md.out.find("| parameter | value | unit | range | source | set at |"), std::string::npos);

  const auto json = run_peacesim("describe scenarios/examples/epstein_mesa.yaml --format json");
  ASSERT_EQ(json.exit_code, 0);
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["model"]["name"], "epstein_mesa");
  EXPECT_EQ(j["calendar"]["steps"], 100);
  for (const auto& p : j["parameters"]) {
    EXPECT_FALSE(p["source"].get<std::string>().empty()) << p["name"];
    EXPECT_FALSE(p["unit"].get<std::string>().empty()) << p["name"];
  }

  const auto version = run_peacesim("version");
  EXPECT_EQ(version.out.rfind("peacesim 0.1.0", 0), 0u);
  const auto help = run_peacesim("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes:"), std::string::npos);
  EXPECT_NE(help.out.find("peacesim run scenarios/examples/epstein_mesa.yaml"), std::string::npos);
}

}  // namespace
}  // namespace peacesim::testing
