// The Mali model's mechanisms and the order they run in: the one place that lists them.
#pragma once

#include <string>
#include <vector>

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::models::mali {

// The modules, in the order their parameters are listed (and their states checkpointed).
const std::vector<const mechanisms::conflict::Module*>& modules();

// The order of the Step systems within a day (FLAME GPU 2's layers): every system of the modules
// above and of the model's own inputs, once. Monthly ones run on the first day of a month.
const std::vector<std::string>& day();

// The modules whose series come first, in this order (the layout the outputs had before
// mechanisms were modules, kept so that runs stay byte-identical); the others' follow in the
// order of modules().
const std::vector<std::string>& outputs_first();

}  // namespace peacesim::models::mali
