// The backtest's table on the terminal: per origin, the fit, every metric of the model beside the
// three frozen baselines, the verdict and the patterns (docs/validation.md).
#pragma once

#include <nlohmann/json.hpp>

namespace peacesim::cli {

// Prints one origin's entry of the backtest's JSON (`origins[i]`).
void print_origin(const nlohmann::json& origin);

}  // namespace peacesim::cli
