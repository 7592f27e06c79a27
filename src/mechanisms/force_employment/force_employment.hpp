// M4 Force employment (MODEL.md §4): what the state's side does with its troops each day.
//
// Stations. Every force is spread over its stations (bases, or its deployment map, set by the
// model from the scenario's record); an operation whose mandate includes offensive
// counter-terrorism keeps only (1 − mobile_share) there and manoeuvres the rest.
//
// Offensives. The mobile element of an offensive force moves on the enemy-held town in its area
// with the best score weight / (1 + km / 500) from where it is, at speed_km a day; on arrival it
// assaults (M5) if the town is defended and enters it if not. The army follows: each town the
// state's side takes gets a garrison of garrison_people from the army's reserve in the capital.
//
// Raids. With no town to take, the mobile element hunts: for each hostile group with fighters
// dispersed in the force's area, N ~ Poisson(raid_rate · mobile / 1000) raids a day, each a
// skirmish (M5) of raid_people troops against a band of 20 fighters. The army raids too, at
// army_raid_share of that rate per soldier in the north.
//
// The army. Training by a training mission raises its capability towards training_ceiling,
// c' = c + training_rate · (trainers / 500) · (ceiling − c) a day; a coup cuts its morale by
// coup_shock, recovering with a time constant of coup_recovery_days; losses are made good at
// replenish_rate a day of the gap to its establishment, into the reserve.
//
// Redeployment. Troops who fall back from a lost town, and garrisons sent to retaken ones, are not
// where the army's plan (its garrisons at the start) puts them. With redeploy_days τ > 0, each day
// the troops of each state in the towns it holds that are not under assault move a share
// 1 − exp(−1/τ) of the way to the plan: with S their sum and w_p the plan's shares of those towns
// (the capital, or with redeploy_to_front the nearest town by road the state holds, also takes the
// share of each of the state's towns it does not hold), town p's target is S · w_p / Σ w. The sum S
// is kept: troops move, none are made or lost.
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/control/control.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::force_employment {

struct Params {
  bool enabled = true;
  double mobile_share = 0.6;
  double speed_km = 100.0;
  double garrison_people = 200.0;
  double raid_rate = 0.02;
  double raid_people = 100.0;
  double raid_find_people = 100.0;
  double army_raid_share = 0.2;
  double training_rate = 0.002;
  double training_ceiling = 1.0;
  double coup_shock = 0.6;
  double coup_recovery_days = 120.0;
  double replenish_rate = 1.0 / 180.0;
  double garrison_concentration = 1.0;  // the army's garrisons in proportion to weight^this (build time)
  // Time constant of the army's return to its plan (redeploy): 0, never; troops stay where the
  // fighting left them.
  double redeploy_days = 0.0;
  // Where the plan's share of a town the state does not hold waits: false, in the capital's
  // reserve; true, at the front (the nearest town by road the state holds).
  bool redeploy_to_front = false;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module (which also
// records the army's capability and strength).
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C04;  // raids

// One day: positions, offensives, raids, training, morale and replenishment.
void employ(conflict::State& state, conflict::Context& context, const Params& params,
            const combat::Params& combat);

}  // namespace peacesim::mechanisms::force_employment
