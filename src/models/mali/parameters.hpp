// The Mali model's parameters, each with default, range, unit and source (MODEL.md §5): those of
// its world (population growth, grid, roads) here, then those of its mechanisms' modules
// (mechanisms.cpp), in that order.
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"

namespace peacesim::models::mali {

// What the world is built with (world.cpp).
struct WorldParams {
  double growth_rate = 0.0365;    // 1/year
  double grid_resolution = 0.25;  // degrees
  double detour_factor = 1.24;
};
const engine::ParameterTable<WorldParams>& world_parameter_table();

std::vector<engine::ParameterSpec> parameter_specs();

}  // namespace peacesim::models::mali
