// What `serve` and `report` share: the API over the given stores, with the observed data for the
// validation view when files are given.
#pragma once

#include <memory>

#include "cli/commands.hpp"
#include "web/api.hpp"

namespace peacesim::cli {

// Throws std::runtime_error naming the folder or file for a store or observed file it cannot read,
// and scenario::ScenarioError for a bad --from or --to.
std::unique_ptr<web::Api> open_dashboard(const DashboardInput& input);

}  // namespace peacesim::cli
