// A run's outcomes: the numbers a comparison is about, read off the recorder after a run.
//
// For every series and region: a flow's total over the run ("fatalities_battles[R]", R a region's
// name) and its total in each calendar year ("fatalities_battles[R]@2014"); a gauge's value at the
// end of the run ("internally_displaced[N]", N the national total's name) and at the end of each
// year ("...@2014"). Region names are the model's (its first region is the national total where it
// has one).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/model.hpp"
#include "engine/recorder.hpp"

namespace peacesim::analysis {

using Outcomes = std::map<std::string, double>;

Outcomes outcomes_of(const engine::Recorder& recorder);

// The names of the outcomes a run of `model` from `start` to `end` will have (the keys of
// outcomes_of), known before running it: the model's declared series and regions, and the years
// in which each series' periods end. Lets a command reject an unknown `--outcome` before computing.
// Calls model.declare_outputs on a recorder of its own.
std::set<std::string> outcome_names(engine::Model& model, engine::Date start, engine::Date end);

// The outcomes shown when none are asked for: the scenario's `preferred` (its headline_outcomes)
// that are present, in its order, else the first whole-run outcomes (at most 12).
std::vector<std::string> headline_outcomes(const std::vector<std::string>& present,
                                           const std::vector<std::string>& preferred);

}  // namespace peacesim::analysis
