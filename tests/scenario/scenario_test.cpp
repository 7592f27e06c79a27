#include "scenario/scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenario/error.hpp"

namespace peacesim::scenario {
namespace {

class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("peacesim_scenario_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  std::filesystem::path dir_;
};

constexpr const char* kMinimal =
    "peacesim: 1\nname: minimal\nmodel: toy\ncalendar:\n  start: 2012-01-01\n  end: 2012-12-31\n";

std::vector<engine::ParameterSpec> specs() {
  return {{"legitimacy", engine::ParameterKind::Real, 0.8, 0, 1, "1", "MODEL.md §7", ""},
          {"term", engine::ParameterKind::Integer, 30, 0, 1000, "steps", "NetLogo", ""},
          {"blocking", engine::ParameterKind::Boolean, 1, 0, 1, "1", "assumption", ""}};
}

TEST_F(ScenarioFiles, LoadsTheCommonFields) {
  const Scenario s = load_scenario(write("s.yaml", kMinimal));
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.title, "minimal");
  EXPECT_EQ(s.model, "toy");
  EXPECT_EQ(s.start.iso(), "2012-01-01");
  EXPECT_EQ(s.end.iso(), "2012-12-31");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.people_per_agent, 1.0);
  EXPECT_EQ(s.hash.size(), 32u);
}

TEST_F(ScenarioFiles, StepsSetTheEndDate) {
  const Scenario s = load_scenario(
      write("s.yaml", "peacesim: 1\nname: n\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 100}\n"));
  EXPECT_EQ(s.end.iso(), "2000-04-09");
}

TEST_F(ScenarioFiles, CommandLineOverridesWin) {
  const auto path = write("s.yaml", std::string(kMinimal) + "run: {seed: 5, people_per_agent: 100}\n");
  const Scenario s = load_scenario(path, {{"calendar.end=2012-01-31"}, 9, 10.0});
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.people_per_agent, 10.0);
  EXPECT_EQ(s.end.iso(), "2012-01-31");
}

TEST_F(ScenarioFiles, HashFollowsContent) {
  const auto a = load_scenario(write("a.yaml", kMinimal)).hash;
  const auto b = load_scenario(write("b.yaml", kMinimal)).hash;
  const auto c = load_scenario(write("c.yaml", std::string(kMinimal) + "description: other\n")).hash;
  EXPECT_EQ(a, b);  // same content, other file: same hash
  EXPECT_NE(a, c);
}

TEST_F(ScenarioFiles, ParametersTakeNumbersOrFullEntries) {
  const auto path =
      write("s.yaml", std::string(kMinimal) +
                          "parameters:\n  legitimacy: 0.5\n  term: {value: 10, unit: steps, source: "
                          "\"my source\", range: [5, 20]}\n  blocking: false\n");
  const Scenario s = load_scenario(path);
  const engine::ParameterSet p = resolve_parameters(s, specs());
  EXPECT_DOUBLE_EQ(p.real("legitimacy"), 0.5);
  EXPECT_EQ(p.origin("legitimacy").source, "MODEL.md §7");
  EXPECT_EQ(p.origin("legitimacy").where, path.string() + ":8:15");
  EXPECT_EQ(p.integer("term"), 10);
  EXPECT_EQ(p.origin("term").source, "my source");
  EXPECT_FALSE(p.boolean("blocking"));
}

TEST_F(ScenarioFiles, ParameterErrorsNameTheField) {
  auto error_of = [&](const std::string& params) -> std::string {
    try {
      resolve_parameters(load_scenario(write("s.yaml", std::string(kMinimal) + "parameters:\n" + params)),
                         specs());
    } catch (const ScenarioError& e) {
      return e.field() + ": " + e.message();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("  term: 2.5\n"), "parameters.term: must be a whole number");
  EXPECT_EQ(error_of("  blocking: maybe\n"), "parameters.blocking: expected true or false, got 'maybe'");
  EXPECT_EQ(error_of("  legitimacy: \"0.5\"\n"),
            "parameters.legitimacy: expected a number, got the text '0.5' (quoted or tagged !!str: write "
            "numbers bare)");
  EXPECT_EQ(error_of("  term: {value: 3, colour: red}\n"),
            "parameters.term.colour: unknown field; known fields here: range, source, unit, value");
  EXPECT_EQ(error_of("  term: {unit: steps}\n"), "parameters.term.value: is required but missing");
  EXPECT_EQ(error_of("  term: {value: 3, range: [0, 5000]}\n"),
            "parameters.term.range: [0, 5000] must be ordered and within the declared range [0, 1000]");
}

TEST_F(ScenarioFiles, RejectsBadCommonFields) {
  auto error_of = [&](const std::string& text) -> std::string {
    try {
      load_scenario(write("s.yaml", text));
    } catch (const ScenarioError& e) {
      return e.field() + ": " + e.message();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("peacesim: 1\nname: a b\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 1}\n"),
            "name: must be a non-empty word without spaces or slashes");
  EXPECT_EQ(
      error_of(
          "peacesim: 1\nname: n\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 1, end: 2000-02-01}\n"),
      "calendar: give exactly one of 'end' (a date) or 'steps' (a count of days)");
  EXPECT_EQ(
      error_of("peacesim: 1\nname: n\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 1, step: 1 week}\n"),
      "calendar.step: only daily steps are supported ('1 day')");
  EXPECT_EQ(
      error_of(
          "peacesim: 1\nname: n\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 1}\nrun: {seed: -1}\n"),
      "run.seed: must not be negative");
  EXPECT_EQ(error_of("peacesim: 1\nname: n\nmodel: toy\ncalendar: {start: 2000-01-01, steps: 1}\nrun: "
                     "{people_per_agent: 0}\n"),
            "run.people_per_agent: must be at least 1");
  EXPECT_EQ(error_of("peacesim: 1\nname: n\nmodel:\ncalendar: {start: 2000-01-01, steps: 1}\n"),
            "model: is required but empty");
}

}  // namespace
}  // namespace peacesim::scenario
