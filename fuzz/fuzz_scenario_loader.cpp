// libFuzzer target: any bytes as a scenario file, through loading, the `base:`/`include:` layers,
// the model's checks and parameter resolution (what `peacesim check` does). A ScenarioError is the
// expected answer to bad input; anything else (a crash, a sanitizer report, another exception
// type escaping) is a bug.
#include <cstddef>
#include <cstdint>

#include "cli/prepared_run.hpp"
#include "fuzz_input_file.hpp"
#include "scenario/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = peacesim::fuzz::input_file(".yaml", data, size);
  try {
    auto run = peacesim::cli::prepare(path, {});
    // Building the model runs the model's own checks of its sections (theatre, dynamics, ...).
    (void)run.model->make(peacesim::models::ModelInput{run.parameters, run.scenario, 1, 1, 1000.0});
  } catch (const peacesim::scenario::ScenarioError&) {
  }
  return 0;
}
