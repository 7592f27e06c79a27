// A run's outcomes: the numbers a comparison is about, read off the recorder after a run.
//
// For every series and region: a flow's total over the run ("fatalities_battles[Gao]") and its
// total in each calendar year ("fatalities_battles[Gao]@2014"); a gauge's value at the end of the
// run ("internally_displaced[Mali]") and at the end of each year ("...@2014"). Region names are
// the model's (its first region is the national total where it has one).
#pragma once

#include <map>
#include <string>

#include "engine/recorder.hpp"

namespace peacesim::analysis {

using Outcomes = std::map<std::string, double>;

Outcomes outcomes_of(const engine::Recorder& recorder);

}  // namespace peacesim::analysis
