// A run's outcomes: the numbers a comparison is about, read off the recorder after a run.
//
// For every series and region: a flow's total over the run ("fatalities_battles[Gao]") and its
// total in each calendar year ("fatalities_battles[Gao]@2014"); a gauge's value at the end of the
// run ("internally_displaced[Mali]") and at the end of each year ("...@2014"). Region names are
// the model's (its first region is the national total where it has one).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/recorder.hpp"

namespace peacesim::analysis {

using Outcomes = std::map<std::string, double>;

Outcomes outcomes_of(const engine::Recorder& recorder);

// The outcomes shown when none are asked for: those of issue 6 (fatalities, civilian deaths,
// peacekeeper deaths, displaced, state authority in the north, implementation, cost and shares)
// that are present, else the first whole-run outcomes (at most 12).
std::vector<std::string> headline_outcomes(const std::vector<std::string>& present);

}  // namespace peacesim::analysis
