// A located tree as JSON (scalars as strings, order kept), for hashing and for the manifest.
#pragma once

#include <nlohmann/json.hpp>

#include "scenario/node.hpp"

namespace peacesim::scenario {

nlohmann::ordered_json to_json(const Node& node);

}  // namespace peacesim::scenario
