// `peacesim calibrate` recovers a planted parameter: observations made by the model itself with
// combat_attrition = 0.015 are fitted from the scenario's 0.01, and the written parameter file,
// included by a scenario, sets the value. Also: `include:` and located errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

TEST(Calibrate, RecoversAPlantedParameterAndWritesAFileAScenarioIncludes) {
  const auto dir = fs::temp_directory_path() / ("peacesim_calibrate_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string fast = "scenarios/mali/mali.yaml --set calendar.end=2014-12-31 --scale 1000 ";
  auto r = run_peacesim("run " + fast + "--set combat_attrition=0.015 --seed 1 -q --out " +
                        (dir / "truth").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto params = dir / "calibrated.yaml";
  r = run_peacesim("calibrate " + fast + "--param combat_attrition=0.005:0.03 --observed " +
                   (dir / "truth/events.csv").string() +
                   " --from 2012-01-01 --to 2014-12-31 --runs 1 --budget 16 --recheck 0 -q --out " +
                   params.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string text = read_file(params);
  EXPECT_NE(text.find("# Parameters calibrated by peacesim"), std::string::npos);
  // The command that makes the file again, with the scenario's overrides and scale.
  EXPECT_NE(
      text.find("peacesim calibrate scenarios/mali/mali.yaml --set calendar.end=2014-12-31 --scale 1000 "
                "--param combat_attrition=0.005:0.03"),
      std::string::npos)
      << text;
  const auto at = text.find("combat_attrition: {value: ");
  ASSERT_NE(at, std::string::npos) << text;
  const double fitted = std::stod(text.substr(at + 26));
  // One member's loss surface is rugged, so the search ends in a local minimum near the truth, not
  // on it, and where depends on the build (its floating point changes the runs, docs/testing.md):
  // with the scenario's values of fits O1 and P1 (docs/calibration.md), the GCC release build lands
  // at 0.0155 with a loss an eighth of the start's, the ASan build at 0.0190 with a third. Asserted:
  // the fit ends at least twice as close to the truth as its start (the scenario's own value) and
  // cuts the loss at least threefold. A search that ignored the observations, or went the wrong
  // way, fails both.
  const double start = std::stod(text.substr(text.find("was ", at) + 4));
  EXPECT_LT(std::abs(fitted - 0.015), std::abs(start - 0.015) / 2) << fitted << " from " << start;
  // "# loss (...) 0.16378 at the scenario's values, 0.01018 here."
  const std::string label = "`peacesim validate`'s metrics) ";
  const std::string middle = " at the scenario's values, ";
  const auto loss_at = text.find(label);
  const auto middle_at = text.find(middle, loss_at);
  ASSERT_TRUE(loss_at != std::string::npos && middle_at != std::string::npos) << text;
  const double start_loss = std::stod(text.substr(loss_at + label.size()));
  const double fitted_loss = std::stod(text.substr(middle_at + middle.size()));
  EXPECT_GT(start_loss, 0.0) << text;
  EXPECT_LT(fitted_loss, start_loss / 3) << text;

  std::ofstream(dir / "with.yaml") << "base: "
                                   << (fs::path(PEACESIM_SOURCE_DIR) / "scenarios/mali/mali.yaml").string()
                                   << "\ninclude: calibrated.yaml\n";
  r = run_peacesim("describe " + (dir / "with.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("calibrated.yaml"), std::string::npos);  // where the value came from
  fs::remove_all(dir);
}

TEST(Calibrate, BadOptionsAreLocatedErrors) {
  auto r = run_peacesim(
      "calibrate scenarios/mali/mali.yaml --param combat_attrition --observed nowhere.csv --out x.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nowhere.csv"), std::string::npos) << r.err;
  r = run_peacesim(
      "calibrate scenarios/mali/mali.yaml --param combat_attrition --observed "
      "data/observed/minusma_fatalities_2013-2016.csv --algorithm genetic --out x.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--algorithm'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(fs::path(PEACESIM_SOURCE_DIR) / "x.yaml"));
}

// A rehearsed fit's runs forecast the window's last year from the 31 December before it (the state
// observed then, M17's strengths among it), so the same parameters score otherwise than in a run
// that simulates straight through; the file says how it was fitted. A window that cannot hold a
// rehearsal is refused, naming the option.
TEST(Calibrate, ARehearsedFitForecastsTheWindowsLastYear) {
  const auto dir = fs::temp_directory_path() / ("peacesim_rehearse_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string fast = "scenarios/mali/mali.yaml --set calendar.end=2014-12-31 --scale 1000 ";
  const std::string observed =
      " --observed data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv";
  auto start_loss = [&](const std::string& extra, const std::string& name) {
    const auto file = dir / name;
    const auto r = run_peacesim("calibrate " + fast + "--param combat_attrition=0.005:0.03" + observed +
                                " --from 2012-01-01 --to 2014-12-31 --runs 1 --budget 2 --recheck 0 -q" +
                                extra + " --out " + file.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read_file(file);
    const std::string label = "`peacesim validate`'s metrics) ";
    const auto at = text.find(label);
    return std::make_pair(at == std::string::npos ? -1.0 : std::stod(text.substr(at + label.size())), text);
  };
  const auto [plain, plain_text] = start_loss("", "plain.yaml");
  const auto [rehearsed, text] = start_loss(" --rehearse", "rehearsed.yaml");
  EXPECT_EQ(plain_text.find("--rehearse"), std::string::npos);
  EXPECT_NE(text.find("--rehearse"), std::string::npos) << text;
  EXPECT_NE(text.find("its last year forecast from 2013-12-31"), std::string::npos) << text;
  EXPECT_GT(plain, 0.0);
  EXPECT_GT(rehearsed, 0.0);
  EXPECT_NE(plain, rehearsed) << "the rehearsal ran the same runs as the plain fit";

  auto r =
      run_peacesim("calibrate " + fast + "--param combat_attrition" + observed +
                   " --from 2012-01-01 --to 2014-06-30 --rehearse -q --out " + (dir / "x.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("field '--rehearse'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("31 December"), std::string::npos) << r.err;
  r = run_peacesim("calibrate " + fast + "--param combat_attrition" + observed +
                   " --from 2014-01-01 --to 2014-12-31 --rehearse -q --out " + (dir / "x.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("at least a year before that origin"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x.yaml"));
  fs::remove_all(dir);
}

TEST(Include, AScenarioIncludesPartialFilesAndNamesAMissingOne) {
  const auto dir = fs::temp_directory_path() / ("peacesim_include_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "p.yaml")
      << "parameters:\n  legitimacy: {value: 0.7, source: \"assumption: a test\"}\n";
  std::ofstream(dir / "s.yaml")
      << "base: " << (fs::path(PEACESIM_SOURCE_DIR) / "scenarios/examples/epstein_mesa.yaml").string()
      << "\ninclude: [p.yaml]\n";
  std::ofstream(dir / "bad.yaml")
      << "base: " << (fs::path(PEACESIM_SOURCE_DIR) / "scenarios/examples/epstein_mesa.yaml").string()
      << "\ninclude: [nope.yaml]\n";
  auto r = run_peacesim("describe " + (dir / "s.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("p.yaml:2:"), std::string::npos) << r.out;
  r = run_peacesim("check " + (dir / "bad.yaml").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("field 'include[0]'"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peacesim::testing
