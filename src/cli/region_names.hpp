// The regions of a scenario's theatre and their spellings in observed sources (validation's
// RegionNames), from its boundary layer and its alias table (geography.regions.aliases).
#pragma once

#include "scenario/scenario.hpp"
#include "validation/regions.hpp"

namespace peacesim::cli {

// Empty for a scenario without geography. A bad alias table throws ScenarioError naming its file,
// line and column.
validation::RegionNames scenario_region_names(const scenario::Scenario& scenario);

}  // namespace peacesim::cli
