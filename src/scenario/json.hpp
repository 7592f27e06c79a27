// A located tree as JSON (scalars as strings, order kept), for hashing and for the manifest.
#pragma once

#include <nlohmann/json.hpp>

#include "engine/parameters.hpp"
#include "scenario/node.hpp"

namespace peacesim::scenario {

nlohmann::ordered_json to_json(const Node& node);

// Every parameter with its value, kind, unit, range, default, source, where it was set and what it
// means: the same list in the manifest and in `peacesim describe --format json`.
nlohmann::ordered_json to_json(const engine::ParameterSet& parameters);

}  // namespace peacesim::scenario
