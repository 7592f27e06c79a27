// The reference Mali scenario, loaded once for the tests.
#pragma once

#include <filesystem>

#include "models/mali/mali_model.hpp"
#include "models/mali/world.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::testing {

inline const std::filesystem::path& mali_scenario_path() {
  static const auto path = std::filesystem::path(PEACESIM_SOURCE_DIR) / "scenarios" / "mali" / "mali.yaml";
  return path;
}

struct MaliFixture {
  scenario::Scenario scenario = scenario::load_scenario(mali_scenario_path());
  engine::ParameterSet parameters =
      scenario::resolve_parameters(scenario, models::mali::mali_info().parameters);
  models::mali::MaliWorld world = models::mali::load_world(scenario, parameters);
};

inline const MaliFixture& mali() {
  static const MaliFixture f;
  return f;
}

}  // namespace peacesim::testing
