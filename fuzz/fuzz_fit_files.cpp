// libFuzzer target: any bytes as the files `peacesim fit` and `--posterior` read: the first byte
// picks a posterior (YAML, read against the Epstein example's parameters, as ensemble and compare
// read it) or a fit's checkpoint (OUT.abc.json, as `fit --resume` reads it). ScenarioError and
// InputError are the expected answers to bad input.
#include <cstddef>
#include <cstdint>

#include "cli/abc_fit.hpp"
#include "cli/posterior_file.hpp"
#include "fuzz_input_file.hpp"
#include "scenario/error.hpp"
#include "validation/observed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const peacesim::cli::PreparedRun run =
      peacesim::cli::prepare("scenarios/examples/epstein_mesa.yaml", {});
  const bool posterior = (data[0] & 1) == 0;
  const auto path = peacesim::fuzz::input_file(posterior ? ".yaml" : ".json", data + 1, size - 1);
  try {
    if (posterior) {
      const auto p = peacesim::cli::read_posterior(path, run);
      (void)peacesim::cli::member_draws(p, 5, 1);
    } else {
      (void)peacesim::cli::load_populations(path, "peacesim fit", 2);
    }
  } catch (const peacesim::scenario::ScenarioError&) {
  } catch (const peacesim::validation::InputError&) {
  }
  return 0;
}
