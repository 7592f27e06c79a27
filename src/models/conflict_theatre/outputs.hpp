// The theatre model's view of the shared state at the end of each month: towns held and fighters by
// armed group, state authority, people by status (displaced, refugees and where they are, alive,
// killed), births and natural deaths.
#pragma once

#include "mechanisms/conflict/module.hpp"

namespace peacesim::models::conflict_theatre {

// Registers the series and their observer (as module "conflict outputs", after the mechanisms:
// it reads M7's camps and the demography's counts).
void register_outputs(mechanisms::conflict::Registry& registry);

}  // namespace peacesim::models::conflict_theatre
