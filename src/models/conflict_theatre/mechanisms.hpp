// The theatre model's mechanisms and the order they run in: the one place that lists them.
#pragma once

#include <string>
#include <vector>

#include "engine/parameters.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::models::conflict_theatre {

// The modules, in the order their parameters are listed (and their states checkpointed).
const std::vector<const mechanisms::conflict::Module*>& modules();

// The model's parameters: its world's (parameters.hpp), then its modules', in that order.
std::vector<engine::ParameterSpec> parameter_specs();

// The model's own parts, as the registry knows them: the inputs it gives the mechanisms, the
// scenario's decisions of each day (scenario_inputs.hpp) and its record of the shared state
// (outputs.hpp).
inline constexpr const char* kScenarioInputs = "scenario inputs";
inline constexpr const char* kScenario = "scenario";
inline constexpr const char* kGroupsAndGovernment = "scenario: groups and government";
inline constexpr const char* kForces = "scenario: forces";
inline constexpr const char* kConflictOutputs = "conflict outputs";

// The order of the Step systems within a day (FLAME GPU 2's layers): every system of the modules
// above and of the model's own inputs, once. Monthly ones run on the first day of a month.
const std::vector<std::string>& day();

// The modules whose series come first, in this order (the layout the outputs had before
// mechanisms were modules, kept so that runs stay byte-identical); the others' follow in the
// order of modules().
const std::vector<std::string>& outputs_first();

}  // namespace peacesim::models::conflict_theatre
