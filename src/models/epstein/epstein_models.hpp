// The Epstein civil-violence models as the registry sees them (src/models/registry.cpp).
#pragma once

#include "models/registry.hpp"

namespace peacesim::models::epstein {

// Mesa 3.3.1's example, exactly: von Neumann vision, random activation, jailed agents block.
ModelInfo epstein_mesa_info();
// NetLogo's "Rebellion", exactly: Euclidean vision disc, move then act, floor(C/A).
ModelInfo epstein_netlogo_info();
// Mesa's rules with a partitioned, multi-threaded update order; thread count never changes results.
ModelInfo epstein_parallel_info();

}  // namespace peacesim::models::epstein
