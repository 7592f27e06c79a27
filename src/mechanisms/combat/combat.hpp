// M5 Combat (MODEL.md §4): stochastic Lanchester attrition between the sides at a town.
//
// A battle at town p pits an attacker against the town's controller. Each day, with E_a and E_d
// the sides' effective strengths (people times capability: training, air support, ISR, arms),
//
//     losses_d ~ Poisson(α · E_a),   losses_a ~ Poisson(α · E_d)      (Lanchester's square law)
//
// and a side breaks when it has lost `break_loss` of the people it started with, or when its
// effective strength falls below `break_ratio` times the other's. If the defender breaks the town
// changes hands (M8); a battle undecided after `max_days` ends with the attacker withdrawing.
// A battle is one ACLED event (Battles / Armed clash), recorded when it ends with all its dead,
// and `civilian_share` more civilians per combatant killed die in the crossfire; deaths are
// negative binomial (dispersion) around the Lanchester means (docs/model/operational-layer.md, M5).
//
// Skirmishes (ambushes, raids) are one-day engagements with the same attrition and no change of
// control: the guerrilla war after the towns are lost (M3) and counter-terrorism raids (M4).
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/conflict/context.hpp"
#include "mechanisms/control/control.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::combat {

struct Params {
  bool enabled = true;
  double attrition = 0.02;      // α: casualties per effective fighter-day of the enemy
  double break_loss = 0.25;     // share of starting people lost at which a side breaks
  double break_ratio = 0.33;    // effective strength relative to the enemy's at which a side breaks
  int max_days = 10;            // an undecided battle ends with the attacker withdrawing
  double civilian_share = 0.1;  // civilians killed per combatant killed in a town battle
  double dispersion = 0.4;      // shape of the negative binomial of skirmish losses (0: Poisson)
};

// Its parameters, each bound to its member of Params (module.cpp), and its module (which also
// declares the casualty series every mechanism that kills soldiers adds to).
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C05;  // battles, by place

// Starts a battle at p unless one is already going on there; `force` as in Battle::force.
bool start_battle(conflict::State& state, conflict::PlaceIndex p, conflict::ActorIndex attacker,
                  int force = -1);

// One day of every battle in progress; decided battles are removed.
void fight(conflict::State& state, conflict::Context& context, const Params& params);

// The state's side's effective and head-count strength at p.
double state_power(const conflict::State& state, conflict::PlaceIndex p);

// Takes `people` casualties from the state's side at p (army first in proportion to its share);
// records them by force. Returns the people taken (at most those present).
double state_losses(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
                    double people);

// Takes `people` casualties from one force at p (force -1: the army); returns those taken.
double force_losses(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p, int force,
                    double people);

// A one-day engagement between group g (with `group_people` fighters committed) and the state's
// side at p (`state_people` committed, of effective strength `state_effective`). Kills on both
// sides, one event. Returns the group's losses (people).
double skirmish(conflict::State& state, conflict::Context& context, const Params& params,
                conflict::PlaceIndex p, conflict::ActorIndex g, double group_people, double state_effective,
                const std::string& state_name, bool group_attacks, engine::RandomDraws& draws);

// Takes `people` losses from group g at p: its fighters around p first, then those in the town.
// Returns the people killed.
double group_losses(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
                    conflict::ActorIndex g, double people);

// A one-day clash between two armed groups near p, with a_people and b_people committed: losses
// on both sides (negative binomial around Lanchester's means), one event. Returns the dead.
double clash(conflict::State& state, conflict::Context& context, const Params& params, conflict::PlaceIndex p,
             conflict::ActorIndex a, conflict::ActorIndex b, double a_people, double b_people,
             engine::RandomDraws& draws);

}  // namespace peacesim::mechanisms::combat
