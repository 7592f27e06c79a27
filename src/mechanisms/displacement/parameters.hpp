// The displacement mechanism's parameters: default, plausible range, unit and source of each
// (MODEL.md §5), and the Rules a ParameterSet gives.
#pragma once

#include <vector>

#include "engine/parameters.hpp"
#include "mechanisms/displacement/departures.hpp"
#include "mechanisms/displacement/displacement.hpp"

namespace peacesim::mechanisms::displacement {

// Specs named `displacement_*` plus the switch `displacement_enabled`.
std::vector<engine::ParameterSpec> parameter_specs();

// The rules from resolved values; `people_per_agent` comes from the run's scale.
Rules rules_from(const engine::ParameterSet& parameters, double people_per_agent);

// Specs of the residents' thresholds (departures.hpp), for models where departures are simulated
// rather than given (not the Flee case, whose daily count is an input as in Flee).
std::vector<engine::ParameterSpec> threshold_parameter_specs();
ThresholdRules threshold_rules_from(const engine::ParameterSet& parameters);

}  // namespace peacesim::mechanisms::displacement
