// The steps every command shares: load the scenario, find its model, check the top-level fields
// against the common ones and the model's sections, and resolve the parameter values.
#pragma once

#include <filesystem>

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

}  // namespace peacesim::cli
