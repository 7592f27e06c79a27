// The `mali` model: the Mali theatre from the scenario (MODEL.md §3) with, for now, only its
// scheduled inputs played back as monthly series — each operation's authorized and actual
// strength, the population by region, the armed groups existing and designated. The mechanisms
// (M1–M13) come later; nothing here is simulated.
#pragma once

#include "models/registry.hpp"

namespace peacesim::models::mali {

ModelInfo mali_info();

}  // namespace peacesim::models::mali
