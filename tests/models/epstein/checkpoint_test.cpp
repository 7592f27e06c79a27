// Checkpoints of the Epstein models (models/epstein/checkpoint.cpp): resumed from the state saved
// after step k, in a model made afresh, each variant records what the uninterrupted run records.
#include <gtest/gtest.h>

#include <map>

#include "engine/simulation.hpp"
#include "models/epstein/epstein_models.hpp"

namespace peacesim::models::epstein {
namespace {

std::vector<double> run(const ModelInfo& info, std::uint32_t every,
                        std::map<std::uint32_t, std::string>* saved,
                        const std::string* resume_from = nullptr) {
  engine::ParameterSet params(info.parameters);
  params.set("width", 60, {"test", "test"});
  params.set("height", 60, {"test", "test"});
  scenario::Scenario scenario;
  auto model = info.make(ModelInput{params, scenario, 5, 2, 1.0});
  const engine::Date start{2000, 1, 1};
  engine::SimulationOptions options;
  options.seed = 5;
  options.threads = 2;
  options.checkpoint_every_steps = every;
  if (saved != nullptr)
    options.checkpoint = [&](const std::string& bytes, std::uint32_t step) { (*saved)[step] = bytes; };
  engine::Simulation sim(*model, engine::Clock(start, start.plus_days(299)), options);
  if (resume_from != nullptr) sim.resume(*resume_from);
  EXPECT_TRUE(sim.run().completed);
  std::vector<double> values;
  for (const auto& row : sim.recorder().rows()) values.push_back(row.value);
  return values;
}

TEST(EpsteinCheckpoint, EveryVariantResumesToTheSameRecord) {
  for (const ModelInfo& info : {epstein_mesa_info(), epstein_netlogo_info(), epstein_parallel_info()}) {
    std::map<std::uint32_t, std::string> saved;
    const auto whole = run(info, 70, &saved);
    ASSERT_EQ(saved.size(), 4u) << info.name;
    for (const auto& [step, bytes] : saved) {
      EXPECT_EQ(run(info, 0, nullptr, &bytes), whole) << info.name << ", resumed after step " << step;
    }
  }
}

}  // namespace
}  // namespace peacesim::models::epstein
