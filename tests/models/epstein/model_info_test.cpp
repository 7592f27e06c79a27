// The three models as the registry and the engine see them: parameters, outputs, running.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/simulation.hpp"
#include "models/epstein/epstein_models.hpp"
#include "scenario/error.hpp"

namespace peacesim::models::epstein {
namespace {

const std::set<std::string> kParameters = {
    "width",      "height",          "citizen_density",       "cop_density",          "citizen_vision",
    "cop_vision", "legitimacy",      "max_jail_term",         "active_threshold",     "arrest_prob_constant",
    "movement",   "legitimacy_drop", "legitimacy_drop_start", "legitimacy_drop_steps"};

TEST(ModelInfo, DeclaresEveryParameterWithDefaultRangeUnitAndSource) {
  for (const ModelInfo& m : {epstein_mesa_info(), epstein_netlogo_info(), epstein_parallel_info()}) {
    std::set<std::string> names;
    for (const auto& spec : m.parameters) {
      names.insert(spec.name);
      EXPECT_FALSE(spec.unit.empty()) << m.name << " " << spec.name;
      EXPECT_FALSE(spec.source.empty()) << m.name << " " << spec.name;
      EXPECT_FALSE(spec.description.empty()) << m.name << " " << spec.name;
      EXPECT_LE(spec.min, spec.default_value) << m.name << " " << spec.name;
      EXPECT_GE(spec.max, spec.default_value) << m.name << " " << spec.name;
    }
    EXPECT_EQ(names, kParameters) << m.name;
    EXPECT_TRUE(m.make) << m.name;
  }
  EXPECT_EQ(epstein_mesa_info().name, "epstein_mesa");
  EXPECT_EQ(epstein_netlogo_info().name, "epstein_netlogo");
  EXPECT_EQ(epstein_parallel_info().name, "epstein_parallel");
}

TEST(ModelInfo, DefaultsAreThoseOfEachImplementation) {
  std::map<std::string, double> mesa, netlogo;
  for (const auto& s : epstein_mesa_info().parameters) mesa[s.name] = s.default_value;
  for (const auto& s : epstein_netlogo_info().parameters) netlogo[s.name] = s.default_value;
  EXPECT_EQ(mesa["width"], 40);
  EXPECT_EQ(mesa["citizen_density"], 0.7);
  EXPECT_EQ(mesa["cop_density"], 0.074);
  EXPECT_EQ(mesa["citizen_vision"], 7);
  EXPECT_EQ(mesa["legitimacy"], 0.8);
  EXPECT_EQ(mesa["max_jail_term"], 1000);
  EXPECT_EQ(mesa["active_threshold"], 0.1);
  EXPECT_EQ(mesa["arrest_prob_constant"], 2.3);
  EXPECT_EQ(netlogo["cop_density"], 0.04);
  EXPECT_EQ(netlogo["legitimacy"], 0.82);
  EXPECT_EQ(netlogo["max_jail_term"], 30);
}

struct EngineRun {
  std::vector<engine::SeriesSpec> series;
  std::vector<engine::SeriesRow> rows;
};

EngineRun run_engine(const ModelInfo& info, std::uint32_t days, std::uint64_t seed,
                     std::map<std::string, double> values = {}) {
  engine::ParameterSet params(info.parameters);
  for (const auto& [k, v] : values) params.set(k, v, {"test", "test"});
  scenario::Scenario scenario;
  auto model = info.make(ModelInput{params, scenario, seed, 1, 1.0});
  const engine::Date start{2000, 1, 1};
  engine::Simulation sim(*model, engine::Clock(start, start.plus_days(days - 1)),
                         {seed, 1, {}, nullptr, 0, 0.0, {}});
  EXPECT_TRUE(sim.run().completed);
  EXPECT_GT(model->agent_count(), 1000u);
  EXPECT_FALSE(model->summary().empty());
  return {sim.recorder().series(), sim.recorder().rows()};
}

TEST(ModelInfo, RecordsQuietActiveJailedAndCopsAtStepZeroAndEveryStep) {
  for (const ModelInfo& info : {epstein_mesa_info(), epstein_netlogo_info(), epstein_parallel_info()}) {
    const EngineRun r = run_engine(info, 30, 3, {{"legitimacy", 0.7}});
    std::vector<std::string> names;
    for (const auto& s : r.series) names.push_back(s.name);
    EXPECT_EQ(names, (std::vector<std::string>{"quiet", "active", "jailed", "cops"})) << info.name;
    std::map<std::uint32_t, std::map<std::string, double>> by_step;
    for (const auto& row : r.rows) {
      EXPECT_EQ(row.region, 0u);
      by_step[row.step][r.series[row.series].name] = row.value;
    }
    ASSERT_EQ(by_step.size(), 31u) << info.name;  // step 0 and steps 1..30
    const double citizens = by_step[0]["quiet"] + by_step[0]["active"] + by_step[0]["jailed"];
    EXPECT_EQ(by_step[0]["active"], 0.0);
    EXPECT_EQ(by_step[0]["jailed"], 0.0);
    double active_total = 0.0;
    for (auto& [step, v] : by_step) {
      EXPECT_EQ(v.size(), 4u);
      EXPECT_EQ(v["quiet"] + v["active"] + v["jailed"], citizens) << info.name << " step " << step;
      EXPECT_EQ(v["cops"], by_step[0]["cops"]);
      active_total += v["active"];
    }
    EXPECT_GT(active_total, 0.0) << info.name;
  }
}

TEST(ModelInfo, SameSeedSameRowsThroughTheEngine) {
  for (const ModelInfo& info : {epstein_mesa_info(), epstein_netlogo_info(), epstein_parallel_info()}) {
    const auto a = run_engine(info, 20, 8);
    const auto b = run_engine(info, 20, 8);
    ASSERT_EQ(a.rows.size(), b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) EXPECT_EQ(a.rows[i].value, b.rows[i].value);
  }
}

TEST(ModelInfo, CombinationsThatCannotRunAreScenarioErrors) {
  const ModelInfo info = epstein_mesa_info();
  scenario::Scenario scenario;
  auto make_with = [&](std::map<std::string, double> values) {
    engine::ParameterSet params(info.parameters);
    for (const auto& [k, v] : values) params.set(k, v, {"test", "test"});
    return info.make(ModelInput{params, scenario, 1, 1, 1.0});
  };
  EXPECT_THROW(make_with({{"citizen_density", 0.9}, {"cop_density", 0.2}}), scenario::ScenarioError);
  EXPECT_THROW(make_with({{"width", 10}}), scenario::ScenarioError);  // narrower than 2*7+1
  EXPECT_THROW(make_with({{"legitimacy_drop", 0.9}}), scenario::ScenarioError);
  EXPECT_NO_THROW(make_with({{"width", 15}, {"height", 15}}));
}

}  // namespace
}  // namespace peacesim::models::epstein
