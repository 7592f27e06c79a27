// `peacesim fit`: a small ABC-SMC fit of Mali on observations to an origin writes a posterior file
// (weighted draws, the populations' tolerances, the command) that a scenario includes; a fit
// resumed from its checkpoint to make one more population ends where a fit made in one go does;
// bad options are refused naming the option.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The posterior's draws: the lines after "  draws:".
std::string draws_of(const std::string& text) {
  const auto at = text.find("  draws:\n");
  return at == std::string::npos ? std::string() : text.substr(at);
}

const std::string kFit =
    "fit scenarios/mali/mali.yaml --scale 1000 --param combat_attrition=0.002:0.02 --param "
    "strategy_attack_rate=0.002:0.03 --observed "
    "data/observed/acled_mali_aggregates_by_admin1_month_1997-2016.csv "
    "--origin 2012-06-30 --particles 5 --threads 2 ";

TEST(Fit, WritesWeightedDrawsAScenarioIncludesAndResumesToTheSamePosterior) {
  const auto dir = fs::temp_directory_path() / ("peacesim_fit_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto r = run_peacesim(kFit + "-q --populations 3 --out " + (dir / "whole.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string whole = read_text(dir / "whole.yaml");
  EXPECT_NE(whole.find("peacesim fit scenarios/mali/mali.yaml"), std::string::npos) << whole;
  EXPECT_NE(whole.find("origin: 2012-06-30"), std::string::npos);
  // Without --from, the window starts where the scenario's calibration section says, and the file
  // says so (the command as typed has no empty --from).
  EXPECT_NE(whole.find("  from: 2012-01-01\n"), std::string::npos) << whole;
  EXPECT_EQ(whole.find("--from"), std::string::npos) << whole;
  EXPECT_NE(whole.find("combat_attrition: {value: "), std::string::npos);
  // Five draws whose weights sum to 1, each inside the prior.
  std::istringstream lines(draws_of(whole));
  std::string line;
  double total = 0;
  int draws = 0;
  while (std::getline(lines, line)) {
    const auto w = line.find("weight: ");
    if (w == std::string::npos) continue;
    total += std::stod(line.substr(w + 8));
    const auto v = line.find("values: [");
    ASSERT_NE(v, std::string::npos) << line;
    const double attrition = std::stod(line.substr(v + 9));
    EXPECT_GE(attrition, 0.002);
    EXPECT_LE(attrition, 0.02);
    ++draws;
  }
  EXPECT_EQ(draws, 5);
  EXPECT_NEAR(total, 1.0, 1e-6);

  // Two populations, then one more from the checkpoint: the same posterior as three in one go.
  r = run_peacesim(kFit + "-q --populations 2 --out " + (dir / "part.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(dir / "part.yaml.abc.json"));
  r = run_peacesim(kFit + "--populations 3 --out " + (dir / "part.yaml").string());
  EXPECT_EQ(r.exit_code, 2);  // the file exists and --resume was not given
  EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;
  r = run_peacesim(kFit + "--populations 3 --resume --out " + (dir / "part.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Only population 2 was made (0 and 1 came from the checkpoint).
  EXPECT_NE(r.out.find("2 population(s) already made"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("population 0:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("population 2 made"), std::string::npos) << r.out;
  EXPECT_EQ(draws_of(read_text(dir / "part.yaml")), draws_of(whole));

  // A scenario includes it: the posterior means set the parameters.
  std::ofstream(dir / "with.yaml") << "base: "
                                   << (fs::path(PEACESIM_SOURCE_DIR) / "scenarios/mali/mali.yaml").string()
                                   << "\ninclude: whole.yaml\n";
  r = run_peacesim("describe " + (dir / "with.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("whole.yaml"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Fit, BadOptionsAreRefusedNamingTheOption) {
  auto r = run_peacesim(kFit + "-q --origin 2030-01-01 --out /tmp/peacesim_fit_never.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--origin"), std::string::npos) << r.err;
  r = run_peacesim(kFit + "--budget 3 --out /tmp/peacesim_fit_never.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--budget"), std::string::npos) << r.err;
  r = run_peacesim(kFit + "--resume --out /tmp/peacesim_fit_never.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no /tmp/peacesim_fit_never.yaml.abc.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists("/tmp/peacesim_fit_never.yaml"));
}

}  // namespace
}  // namespace peacesim::testing
