#include "models/conflict_theatre/theatre_model.hpp"

#include "models/conflict_theatre/build_state.hpp"
#include "models/conflict_theatre/conflict_model.hpp"
#include "models/conflict_theatre/describe.hpp"
#include "models/conflict_theatre/dynamics_spec.hpp"
#include "models/conflict_theatre/mechanisms.hpp"
#include "theatre/theatre.hpp"

namespace peacesim::models::conflict_theatre {

namespace {

// The scenario's dynamics section, with the calendar's forecast origin that selects its observations.
DynamicsSpec scenario_dynamics(const scenario::Scenario& s) {
  DynamicsSpec spec = read_dynamics(s.root);
  spec.forecast_origin = s.forecast_origin;
  return spec;
}

}  // namespace

ModelInfo theatre_info() {
  ModelInfo info;
  // Theatre-neutral: any theatre the scenario describes; its first name, from before the model was
  // made generic, is still accepted so that older scenarios load (an identifier, not knowledge).
  info.name = "theatre";
  info.aliases = {"mali"};
  info.summary =
      "A theatre of armed conflict and the operations in it (MODEL.md §3), all from the scenario: "
      "geography, population, groups, institutions, operations; the scheduled decisions, and the "
      "mechanisms M1-M14 (docs/model/)";
  info.parameters = parameter_specs();
  info.sections = theatre::theatre_sections();
  info.sections.insert(info.sections.end(), {"state", "states", "dynamics"});  // state or states
  info.make = [](const ModelInput& input) -> std::unique_ptr<engine::Model> {
    DynamicsSpec spec = scenario_dynamics(input.scenario);
    return std::make_unique<ConflictModel>(load_world(input.scenario, input.parameters), std::move(spec),
                                           input.parameters, input.scenario.start, input.scenario.end,
                                           input.scale, input.seed);
  };
  info.describe = [](const ModelInput& input, DescribeFormat format) {
    TheatreWorld world = load_world(input.scenario, input.parameters);
    const DynamicsSpec spec = scenario_dynamics(input.scenario);
    check_dynamics(world, spec);  // describe rejects what run rejects
    return describe_world(world, spec, input.scenario, format);
  };
  return info;
}

}  // namespace peacesim::models::conflict_theatre
