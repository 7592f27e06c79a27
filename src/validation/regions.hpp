// Region names as the observed sources spell them, harmonized to the regions of the scenario's
// boundaries. The table is one data file, data/regions/mali_admin1_aliases.csv (alias, region,
// source), compiled into the binary (so that no path has to be found at run time) and read by
// tools/data/mali_regions.py as well. Names are compared after folding: accents, case, hyphens,
// runs of spaces and mojibake ("SÃ©gou") do not matter.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace peacesim::validation {

// The regions every alias maps to (the table's second column), sorted.
const std::vector<std::string>& canonical_regions();

// The canonical region, or nullopt for a name the table does not know.
std::optional<std::string> harmonize_admin1(const std::string& name);

// The comparison key of a name: lower-case ASCII, Latin-1 accents dropped, mojibake repaired,
// hyphens and underscores as spaces, runs of spaces as one, no leading or trailing space.
std::string fold_name(const std::string& name);

}  // namespace peacesim::validation
