#include "cli/prepared_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "cli/calibration.hpp"
#include "scenario/error.hpp"
#include "scenario/reader.hpp"
#include "validation/patterns.hpp"

namespace peacesim::cli {

namespace {
const models::ModelInfo& find_model_or_throw(const scenario::Scenario& s) {
  if (const auto* model = models::find_model(s.model)) return *model;
  std::vector<std::string> names;
  for (const auto& m : models::all_models()) names.push_back(m.name);
  std::string message = fmt::format("unknown model '{}'", s.model);
  if (auto near = scenario::closest_name(s.model, names))
    message += fmt::format(" (did you mean '{}'?)", *near);
  message += fmt::format("; models: {}", fmt::join(names, ", "));
  throw scenario::ScenarioError(s.root.get("model")->where(), "model", message);
}

void check_top_level(const scenario::Scenario& s, const models::ModelInfo& model) {
  std::vector<std::string> known = scenario::common_fields();
  known.insert(known.end(), model.sections.begin(), model.sections.end());
  for (const auto& [key, value] : s.root.entries()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = fmt::format("unknown field for a scenario of model '{}'", model.name);
    if (auto near = scenario::closest_name(key, known))
      message += fmt::format(" (did you mean '{}'?)", *near);
    throw scenario::ScenarioError(value.where(), key, message);
  }
}
}  // namespace

PreparedRun prepare(const std::filesystem::path& path, const scenario::LoadOptions& options) {
  scenario::Scenario s = scenario::load_scenario(path, options);
  const models::ModelInfo& model = find_model_or_throw(s);
  check_top_level(s, model);
  engine::ParameterSet parameters = scenario::resolve_parameters(s, model.parameters);
  PreparedRun p{std::move(s), &model, std::move(parameters)};
  // The sections that judge and fit runs are checked here, so that `check` finds their mistakes.
  (void)validation::read_patterns(p.scenario.root);
  (void)read_calibration_section(p);
  return p;
}

void check_has_agents(const engine::Model& model, const scenario::Scenario& s) {
  // Only the scale can empty a model that counts its agents; a scale of 1 never does.
  if (model.agent_count() > 0 || s.people_per_agent <= 1.0) return;
  // Where the scale was set: the scenario's run.people_per_agent when --scale did not replace it.
  scenario::Location where{"<command line: --scale>"};
  if (const auto* run = s.root.get("run")) {
    const auto* ppa = run->get("people_per_agent");
    if (ppa != nullptr && ppa->is_scalar() && std::strtod(ppa->text().c_str(), nullptr) == s.people_per_agent)
      where = ppa->where();
  }
  throw scenario::ScenarioError(
      where, "run.people_per_agent",
      fmt::format("at {:g} people per agent no agent is left in scenario '{}': the run would be empty; "
                  "choose a smaller --scale",
                  s.people_per_agent, s.name));
}

void expand_parameter_shorthand(std::vector<std::string>& overrides) {
  for (auto& assignment : overrides) {
    const auto eq = assignment.find('=');
    if (eq != std::string::npos && assignment.substr(0, eq).find('.') == std::string::npos) {
      assignment = "parameters." + assignment;
    }
  }
}

}  // namespace peacesim::cli
