// The reference Mali scenario, loaded once for the tests.
#pragma once

#include <filesystem>

#include "models/conflict_theatre/theatre_model.hpp"
#include "models/conflict_theatre/world.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::testing {

inline const std::filesystem::path& mali_scenario_path() {
  static const auto path = std::filesystem::path(PEACESIM_SOURCE_DIR) / "scenarios" / "mali" / "mali.yaml";
  return path;
}

struct MaliFixture {
  scenario::Scenario scenario = scenario::load_scenario(mali_scenario_path());
  engine::ParameterSet parameters =
      scenario::resolve_parameters(scenario, models::conflict_theatre::theatre_info().parameters);
  models::conflict_theatre::TheatreWorld world = models::conflict_theatre::load_world(scenario, parameters);
};

inline const MaliFixture& mali() {
  static const MaliFixture f;
  return f;
}

}  // namespace peacesim::testing
