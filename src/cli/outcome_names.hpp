// `--outcome NAME` checked before anything runs (compare, sweep, sensitivity): the names a run
// will have are known from the model's declared series and the calendar
// (analysis::outcome_names), so a typo is an error at once, not after every member has run.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace peacesim::cli {

// Throws scenario::ScenarioError (field `--outcome`) for the first name not in `known`, with the
// nearest known name when one is close.
void check_outcomes(const std::vector<std::string>& asked, const std::set<std::string>& known);

}  // namespace peacesim::cli
