// Everything a finished run hands to the run store.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/parameters.hpp"
#include "engine/recorder.hpp"
#include "engine/simulation.hpp"
#include "scenario/scenario.hpp"

namespace peacesim::output {

struct RunRecord {
  const scenario::Scenario& scenario;
  const engine::ParameterSet& parameters;
  const engine::Recorder& recorder;
  const engine::SimulationResult& result;
  std::vector<std::pair<std::string, std::string>> summary;  // headline figures (label, value)
  unsigned threads = 1;
  std::size_t agents = 0;
  double setup_seconds = 0.0;
  // Further files written beside the results and listed in the manifest (name, content), e.g.
  // the model's run_files: the dashboard's map and theatre description (output/theatre_files.hpp)
  // and the theatre's region table.
  std::vector<std::pair<std::string, std::string>> extra_files;
};

}  // namespace peacesim::output
