// What `validate` and `calibrate` share: the command line's dates and the observed files, each
// read by the reader its header calls for (validation/observed.hpp).
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "validation/metrics.hpp"
#include "validation/observed.hpp"

namespace peacesim::cli {

// A date option (`--from`, `--to`); a bad one is a ScenarioError naming the option.
engine::Date date_option(const std::string& text, const std::string& field);

// The first 1 January on or after `start`: where a window of whole years begins by default.
engine::Date first_new_year(engine::Date start);

// The days observations are judged on.
using Window = validation::Window;
// Without dates on the command line: from the first 1 January on or after the scenario's start
// (a whole first year) to its theatre's last observed day (theatre.observations_end; the
// scenario's end without one).
Window default_window(const scenario::Scenario& scenario);
// The same for run or ensemble folders, from the first one's manifest.
Window default_window_of_runs(const std::vector<std::string>& folders);
// Two date options, each empty one taken from `fallback`; an end before the start is a
// ScenarioError naming the end's option.
Window window_options(const std::string& from, const std::string& from_option, const std::string& to,
                      const std::string& to_option, const Window& fallback);

// What a theatre says about its observations: whose displaced people are compared (ISO3, the
// theatre's `state.country`; empty for a scenario without one), in which regions events are
// counted (its boundaries, with the spellings of its alias table) and which operations the UN's
// peacekeeping fatalities are about (its operations of kind un_peacekeeping).
struct ObservedScope {
  std::string displaced_origin;
  validation::RegionNames regions;
  std::vector<validation::PeacekeepingOperation> peacekeeping;
};
ObservedScope observed_scope(const scenario::Scenario& scenario);
// The same with the scenario's regions already read (scenario_region_names or region_names).
ObservedScope observed_scope(const scenario::Scenario& scenario, validation::RegionNames regions);
// The same for run or ensemble folders (their manifests and region tables); folders of different
// countries or regions are an error naming the option.
ObservedScope observed_scope_of_runs(const std::vector<std::string>& folders);

// The observed files: ACLED (whole history for the baselines, and the window), UNHCR (the displaced
// of the scope's origin), UN peacekeeping fatalities. Throws validation::InputError for a file it
// cannot read.
validation::Observed load_observed(const std::vector<std::string>& files, engine::Date from, engine::Date to,
                                   const ObservedScope& scope);

}  // namespace peacesim::cli
