// The `theatre` model (its first name is still accepted, theatre_model.cpp): any theatre a scenario describes
// (MODEL.md §3), run by the operational layer's mechanisms (conflict_model.hpp).
#pragma once

#include "models/registry.hpp"

namespace peacesim::models::conflict_theatre {

ModelInfo theatre_info();

}  // namespace peacesim::models::conflict_theatre
