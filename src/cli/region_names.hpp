// The regions of a scenario's theatre and their spellings in observed sources (validation's
// RegionNames), from its boundary layer and its alias table (geography.regions.aliases).
#pragma once

#include <optional>

#include "geo/boundaries.hpp"
#include "scenario/scenario.hpp"
#include "theatre/geography_spec.hpp"
#include "validation/regions.hpp"

namespace peacesim::cli {

// A scenario's region layer (geography.regions) as declared and as loaded, read once for those who
// need both its names and its shapes (backtest: the regression's neighbours).
struct ScenarioRegions {
  theatre::BoundaryLayer spec;
  geo::AdminLayer layer;
};
// None for a scenario without geography. Throws what reading the layer throws.
std::optional<ScenarioRegions> scenario_regions(const scenario::Scenario& scenario);

// The layer's region names with the spec's aliases. A bad alias table throws ScenarioError naming
// its file, line and column.
validation::RegionNames region_names(const ScenarioRegions& regions);

// A theatre of several states (`states`): each state's country name (as its events name it) and
// its regions (by geography.regions.country_field), in the scenario's order, without the regions
// it leaves out. Empty with one state.
std::vector<std::pair<std::string, std::vector<std::string>>> country_regions(
    const scenario::Scenario& scenario, const ScenarioRegions& regions);

// Empty for a scenario without geography (scenario_regions, then region_names).
validation::RegionNames scenario_region_names(const scenario::Scenario& scenario);

}  // namespace peacesim::cli
