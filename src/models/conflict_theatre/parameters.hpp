// The parameters of the theatre model's world (population growth, grid, roads), each with default,
// range, unit and source (MODEL.md §5); the model's full list adds its mechanisms' (mechanisms.hpp).
#pragma once

#include "engine/parameter_table.hpp"

namespace peacesim::models::conflict_theatre {

// What the world is built with (world.cpp).
struct WorldParams {
  double growth_rate = 0.0365;    // 1/year
  double grid_resolution = 0.25;  // degrees
  double detour_factor = 1.24;
};
const engine::ParameterTable<WorldParams>& world_parameter_table();

}  // namespace peacesim::models::conflict_theatre
