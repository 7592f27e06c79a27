#include "cli/prepared_run.hpp"

#include <fmt/format.h>

#include <algorithm>

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

}  // namespace peacesim::cli
