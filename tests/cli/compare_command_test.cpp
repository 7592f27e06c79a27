// `peacesim compare` end to end: a real difference shows, a scenario against itself shows none,
// the JSON file holds every outcome, and bad input fails cleanly.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_peacesim.hpp"

namespace peacesim::testing {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
  const auto p = fs::temp_directory_path() / ("peacesim_compare_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  return p;
}

const std::string kSmall = " --runs 4 --threads 2 --set width=20 --set height=20 --set calendar.steps=30";

TEST(CompareCommand, LowerLegitimacyMeansMoreRebellion) {
  const auto out = fresh("legitimacy.json");
  const auto r = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml "
      "scenarios/examples/epstein_low_legitimacy.yaml --out " +
      out.string() + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("common random numbers"), std::string::npos);
  EXPECT_NE(r.out.find("90 % interval"), std::string::npos);
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["runs"], 4);
  EXPECT_TRUE(j["common_random_numbers"].get<bool>());
  bool found = false;
  for (const auto& d : j["differences"]) {
    if (d["outcome"].get<std::string>().rfind("active[", 0) != 0) continue;
    if (d["outcome"].get<std::string>().find('@') != std::string::npos) continue;
    found = true;
    EXPECT_GE(d["variant_mean"].get<double>(), d["base_mean"].get<double>());
  }
  EXPECT_TRUE(found);
  fs::remove(out);
}

TEST(CompareCommand, AScenarioAgainstItselfDiffersInNothing) {
  const auto out = fresh("same.json");
  const auto r = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml scenarios/examples/epstein_mesa.yaml "
      "-q --out " +
      out.string() + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  const auto j = nlohmann::json::parse(read_file(out));
  ASSERT_FALSE(j["differences"].empty());
  for (const auto& d : j["differences"]) {
    EXPECT_EQ(d["difference"].get<double>(), 0.0) << d["outcome"];
    EXPECT_EQ(d["high"].get<double>() - d["low"].get<double>(), 0.0) << d["outcome"];
  }
  fs::remove(out);
}

// The table shows the scenario's headline outcomes, in its order, skipping those the model lacks;
// a scenario without the list shows the run's first outcomes.
TEST(CompareCommand, TheTableShowsTheScenariosHeadlineOutcomes) {
  const auto scenario = fresh("headlines.yaml");
  std::ofstream(scenario) << "base: " << PEACESIM_SOURCE_DIR << "/scenarios/examples/epstein_mesa.yaml\n"
                          << "headline_outcomes:\n  - quiet[all]\n  - not_a_series[all]\n  - active[all]\n";
  auto r = run_peacesim("compare " + scenario.string() + " " + scenario.string() + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto quiet = r.out.find("quiet[all]"), active = r.out.find("active[all]");
  ASSERT_NE(quiet, std::string::npos) << r.out;
  ASSERT_NE(active, std::string::npos) << r.out;
  EXPECT_LT(quiet, active);
  EXPECT_EQ(r.out.find("cops[all]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("not_a_series"), std::string::npos) << r.out;
  r = run_peacesim("compare scenarios/examples/epstein_mesa.yaml scenarios/examples/epstein_mesa.yaml" +
                   kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cops[all]"), std::string::npos) << r.out;
  fs::remove(scenario);
}

TEST(CompareCommand, BadInputFailsCleanly) {
  const auto missing =
      run_peacesim("compare scenarios/examples/epstein_mesa.yaml does_not_exist.yaml" + kSmall);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("does_not_exist.yaml"), std::string::npos);

  const auto other_model =
      run_peacesim("compare scenarios/examples/epstein_mesa.yaml scenarios/flee/mali2012.yaml --runs 2");
  EXPECT_EQ(other_model.exit_code, 2);
  EXPECT_NE(other_model.err.find("same model"), std::string::npos);

  const auto taken = fresh("taken.json");
  { std::ofstream(taken) << "keep me\n"; }
  const auto r = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml scenarios/examples/epstein_mesa.yaml "
      "--out " +
      taken.string() + kSmall);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(read_file(taken), "keep me\n");
  fs::remove(taken);

  const auto outcome = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml "
      "scenarios/examples/epstein_mesa.yaml --outcome nonsense[all]" +
      kSmall);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("nonsense[all]"), std::string::npos);
}

// A posterior's draws set both scenarios' parameters, two members to a draw: with draws far apart
// in citizen vision, the differences' spread comes mostly from the draws; the variant keeps its own
// legitimacy. A bad posterior names its file, line and field.
TEST(CompareCommand, APosteriorSplitsTheSpreadBetweenParametersAndChance) {
  const auto posterior = fresh("posterior.yaml");
  std::ofstream(posterior) << "posterior:\n"
                              "  parameters: [citizen_vision, legitimacy]\n"
                              "  draws:\n"
                              "    - {weight: 1, values: [1, 0.8]}\n"
                              "    - {weight: 1, values: [9, 0.8]}\n";
  const auto out = fresh("posterior.json");
  auto r = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml scenarios/examples/epstein_low_legitimacy.yaml --runs 8 "
      "--threads 2 "
      "--set width=20 --set height=20 --set calendar.steps=30 --posterior " +
      posterior.string() + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("from parameters"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("legitimacy: the variant's own value 0.6 is kept"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(read_file(out));
  EXPECT_EQ(j["posterior"], posterior.string());
  bool any = false;
  for (const auto& d : j["differences"]) {
    if (d["outcome"] != "jailed[all]") continue;
    ASSERT_FALSE(d["parameter_share"].is_null());
    EXPECT_GT(d["parameter_share"].get<double>(), 0.5);
    EXPECT_FALSE(d["sign_holds"].is_null());
    // Vision drives it (legitimacy is the variant's own and varies in no draw: no correlation).
    EXPECT_GT(std::abs(d["spearman_with_parameters"]["citizen_vision"].get<double>()), 0.5) << d.dump();
    EXPECT_FALSE(d["spearman_with_parameters"].contains("legitimacy")) << d.dump();
    any = true;
  }
  EXPECT_TRUE(any) << j.dump();

  std::ofstream(posterior) << "posterior:\n  parameters: [citizen_vision, no_such_thing]\n  draws:\n"
                              "    - {weight: 1, values: [1, 2]}\n";
  r = run_peacesim(
      "compare scenarios/examples/epstein_mesa.yaml scenarios/examples/epstein_mesa.yaml --runs 2 "
      "--posterior " +
      posterior.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(posterior.string() + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("posterior.parameters[1]"), std::string::npos) << r.err;
  fs::remove(posterior);
  fs::remove(out);
}

}  // namespace
}  // namespace peacesim::testing
