// M8 as one module: its parameters, its record of changes of hands and its daily system.
#include "mechanisms/conflict/module.hpp"

#include "mechanisms/control/control.hpp"
#include "mechanisms/peace_process/peace_process.hpp"

namespace peacesim::mechanisms::control {

using engine::on_off;
using engine::parameter;

const engine::ParameterTable<Params>& parameter_table() {
  static const engine::ParameterTable<Params> table{
      on_off("control_enabled", &Params::enabled, "assumption: a switch for ablation (MODEL.md §4)",
             "Run M8: towns change hands and state authority moves; off, towns keep their first controller"),
      parameter("control_authority_rate", &Params::rate, 1.0 / 365.0, 1.0, "1/day",
                "assumption: administrators return over about two months after soldiers (004 §3.3: the "
                "state's return "
                "to the north lagged the recapture)",
                "Daily rate at which a town's state authority moves towards its target"),
      parameter("control_authority_base", &Params::base, 0.0, 1.0, "1",
                "assumption: a state-held town without troops keeps some administration",
                "State authority of a state-held town with no troops"),
      parameter("control_presence_people", &Params::presence_people, 50, 5000, "people",
                "assumption: a battalion-sized presence makes the state's writ run in a town",
                "Troops (army and foreign) for full state authority in a town"),
  };
  return table;
}

namespace {

void install(conflict::Registry& r) {
  const Params& params = r.parameters(parameter_table());
  conflict::State& world = r.world();
  world.towns_change_hands = params.enabled;  // captures by M4 and M5 go through capture()
  const auto& peace = r.read<peace_process::State>();
  History& history = r.state<History>();
  history.last_controller.assign(world.places.size(), conflict::kState);
  r.system("M8 control", engine::Cadence::Daily, [&world, &params, &peace, &history](conflict::Context&) {
    if (params.enabled) update_authority(world, params, peace.authority_bonus);
    note_changes(world, history);
  });
}

}  // namespace

const conflict::Module& module() {
  static const conflict::Module m{"M8 control", [] { return parameter_table().specs(); }, install};
  return m;
}

}  // namespace peacesim::mechanisms::control
