// The steps every command shares: load the scenario, find its model, check the top-level fields
// against the common ones and the model's sections, and resolve the parameter values.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/model.hpp"
#include "engine/parameters.hpp"
#include "models/registry.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::cli {

struct PreparedRun {
  scenario::Scenario scenario;
  const models::ModelInfo* model = nullptr;
  engine::ParameterSet parameters;
};

// Throws scenario::ScenarioError on any problem with the input.
PreparedRun prepare(const std::filesystem::path& path, const scenario::LoadOptions& options);

// A model built at a scale so coarse that no agent is left (`--scale 1e9` on a country) would run
// and report nothing: throws scenario::ScenarioError naming the scale instead.
void check_has_agents(const engine::Model& model, const scenario::Scenario& scenario);

// "legitimacy=0.6" means "parameters.legitimacy=0.6" (every --set of the command line and the
// Python module's set=): parameters are what people change most.
void expand_parameter_shorthand(std::vector<std::string>& overrides);

}  // namespace peacesim::cli
