#include "models/conflict_theatre/mechanisms.hpp"

#include "mechanisms/civilians/civilians.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/conflict/module.hpp"
#include "mechanisms/control/control.hpp"
#include "mechanisms/costs/costs.hpp"
#include "mechanisms/demography/demography.hpp"
#include "mechanisms/displacement/flight.hpp"
#include "mechanisms/events/event_log.hpp"
#include "mechanisms/force_employment/force_employment.hpp"
#include "mechanisms/grievance/grievance.hpp"
#include "mechanisms/group_strategy/group_strategy.hpp"
#include "mechanisms/institutions/institutions.hpp"
#include "mechanisms/mobilization/mobilization.hpp"
#include "mechanisms/origin_strength/origin_strength.hpp"
#include "mechanisms/peace_attacks/peace_attacks.hpp"
#include "mechanisms/peace_process/peace_process.hpp"
#include "mechanisms/perceptions/perceptions.hpp"
#include "mechanisms/reprisals/reprisals.hpp"
#include "models/conflict_theatre/parameters.hpp"

namespace peacesim::models::conflict_theatre {

const std::vector<const mechanisms::conflict::Module*>& modules() {
  namespace m = mechanisms;
  static const std::vector<const m::conflict::Module*> list{
      &m::demography::module(),
      &m::grievance::module(),
      &m::mobilization::module(),
      &m::group_strategy::module(),
      &m::force_employment::module(),
      &m::combat::module(),
      &m::civilians::module(),
      &m::displacement::module(),
      &m::control::module(),
      &m::perceptions::module(),
      &m::costs::module(),
      &m::peace_process::module(),
      &m::institutions::module(),
      &m::events::module(),
      &m::reprisals::module(),
      &m::peace_attacks::module(),
      &m::origin_strength::module(),
  };
  return list;
}

std::vector<engine::ParameterSpec> parameter_specs() {
  auto specs = world_parameter_table().specs();
  for (auto& s : mechanisms::conflict::parameter_specs(modules())) specs.push_back(std::move(s));
  return specs;
}

const std::vector<std::string>& day() {
  static const std::vector<std::string> order{
      // Daily. The scenario's decisions of the day, M9's among them, and what they cost.
      kGroupsAndGovernment, "M9 institutions", kForces, "M12 costs", "M2 influxes",
      // Once, on the day after a forecast's origin: the groups scaled to the deaths observed.
      "M17 origin strengths",
      // The armed actors act, and what follows from it.
      "M4 force employment", "M3 group strategy", "M16 attacks on peace operations", "M5 combat",
      "M8 control", "M6 civilians", "M14 reprisals", "M7 displacement",
      // Monthly.
      "M11 perceptions", "M10 peace process", "M1 grievance", "M2 mobilization", "demography"};
  return order;
}

const std::vector<std::string>& outputs_first() {
  static const std::vector<std::string> order{kScenario,           "M13 events",         "M12 costs",
                                              "M10 peace process", "M5 combat",          kConflictOutputs,
                                              "M11 perceptions",   "M4 force employment"};
  return order;
}

}  // namespace peacesim::models::conflict_theatre
