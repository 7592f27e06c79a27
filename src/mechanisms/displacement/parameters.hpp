// The displacement mechanism's parameters: default, plausible range, unit and source of each
// (MODEL.md §5), and the Rules a ParameterSet gives.
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/displacement/departures.hpp"
#include "mechanisms/displacement/displacement.hpp"

namespace peacesim::mechanisms::displacement {

// The rules' parameters, each bound to its member of Rules (people_per_agent comes from the run's
// scale): `displacement_*` and the switch `displacement_enabled`.
const engine::ParameterTable<Rules>& rules_table();
std::vector<engine::ParameterSpec> parameter_specs();

// The rules from resolved values; `people_per_agent` comes from the run's scale.
Rules rules_from(const engine::ParameterSet& parameters, double people_per_agent);

// Specs of the residents' thresholds (departures.hpp), for models where departures are simulated
// rather than given (not the Flee case, whose daily count is an input as in Flee).
const engine::ParameterTable<ThresholdRules>& threshold_table();
std::vector<engine::ParameterSpec> threshold_parameter_specs();
ThresholdRules threshold_rules_from(const engine::ParameterSet& parameters);

}  // namespace peacesim::mechanisms::displacement
