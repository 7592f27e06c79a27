#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/prepared_run.hpp"

namespace peacesim::cli {

std::string check_scenario(const ScenarioOptions& options) {
  const PreparedRun p = prepare(options.scenario, {options.overrides, options.seed, options.scale});
  const auto& s = p.scenario;
  std::size_t set_by_scenario = 0;
  for (const auto& spec : p.parameters.specs()) {
    if (p.parameters.origin(spec.name).where != "default") ++set_by_scenario;
  }
  // Building the model checks its own sections (and data files) too.
  check_has_agents(*p.model->make(models::ModelInput{p.parameters, s, s.seed, 1, s.people_per_agent}), s);
  return fmt::format(
      "OK {}: model {}, {} → {} ({} days), seed {}, {} parameters ({} set by the scenario), hash {}\n",
      s.path.string(), s.model, s.start.iso(), s.end.iso(), days_between(s.start, s.end) + 1, s.seed,
      p.parameters.specs().size(), set_by_scenario, s.hash.substr(0, 12));
}

int check_command(const ScenarioOptions& options) {
  fmt::print("{}", check_scenario(options));
  return kOk;
}

}  // namespace peacesim::cli
