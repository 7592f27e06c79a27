// The scenario's region alias table (geography.regions.aliases): a CSV file `alias,region,source`
// giving every spelling of a region that observed sources use, each mapped to a region of the
// boundaries. Validation counts observed events through it (validation/regions.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

// The table's rows as (spelling, region). Throws ScenarioError naming the file, line and column for
// an unreadable file, a missing column, an empty alias or source, or a region not in `regions`.
// Rows naming a region in `left_out` (regions the scenario leaves out of the theatre) are skipped.
std::vector<std::pair<std::string, std::string>> read_region_aliases(
    const FileRef& file, const std::vector<std::string>& regions,
    const std::vector<std::string>& left_out = {});

}  // namespace peacesim::theatre
