// What `validate` and `calibrate` share: the command line's dates and the observed files, each
// read by the reader its header calls for (validation/observed.hpp).
#pragma once

#include <string>
#include <vector>

#include "validation/metrics.hpp"

namespace peacesim::cli {

// A date option (`--from`, `--to`); a bad one is a ScenarioError naming the option.
engine::Date date_option(const std::string& text, const std::string& field);

// The observed files: ACLED (whole history for the baselines, and the window), UNHCR, UN
// peacekeeping fatalities. Throws validation::InputError for a file it cannot read.
validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to);

}  // namespace peacesim::cli
