// What `serve` and `report` share: the API over the given stores, with the observed data for the
// validation view when files are given.
#pragma once

#include <memory>

#include "cli/commands.hpp"
#include "web/api.hpp"

namespace peacesim::cli {

// Prints the error (naming the folder, file or option) and returns null for a store or observed
// file it cannot read, or a bad --from or --to.
std::unique_ptr<web::Api> open_dashboard(const DashboardInput& input);

}  // namespace peacesim::cli
