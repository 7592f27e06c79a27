// The Mali model's parameters, each with default, range, unit and source (MODEL.md §5).
#pragma once

#include <vector>

#include "engine/parameters.hpp"

namespace peacesim::models::mali {

inline constexpr const char* kGrowthRate = "population_growth_rate";
inline constexpr const char* kGridResolution = "grid_resolution";
inline constexpr const char* kDetourFactor = "route_detour_factor";

std::vector<engine::ParameterSpec> parameter_specs();

}  // namespace peacesim::models::mali
