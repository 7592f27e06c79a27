// What `validate` and `calibrate` share: the command line's dates and the observed files, each
// read by the reader its header calls for (validation/observed.hpp).
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "validation/metrics.hpp"

namespace peacesim::cli {

// A date option (`--from`, `--to`); a bad one is a ScenarioError naming the option.
engine::Date date_option(const std::string& text, const std::string& field);

// The observed files: ACLED (whole history for the baselines, and the window), UNHCR (the displaced
// of `origin`, ISO3), UN peacekeeping fatalities. Throws validation::InputError for a file it
// cannot read.
validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to,
                                   const std::string& origin);

// The country whose displaced people are compared: the theatre's `state.country` (ISO3), empty for
// a scenario without one.
std::string displaced_origin(const scenario::Scenario& scenario);

// The same for run or ensemble folders (their manifests); folders of different countries are an
// error naming the option.
std::string displaced_origin_of_runs(const std::vector<std::string>& folders);

}  // namespace peacesim::cli
