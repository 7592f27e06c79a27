// M3 Armed-group strategy (MODEL.md §4). Each day every active group chooses what to do.
//
// Posture. With F the group's effective strength (fighters times capability) and S the effective
// strength of hostile foreign forces in the regions it operates in (the intervention's conventional
// superiority: a national army alone may never drive the groups out of the towns, 004 §3.2-3.3), a
// group holds territory while S < guerrilla_ratio · F and a scheduled offensive is on or it still
// holds towns; otherwise it goes guerrilla, every day it stays so: it leaves its towns (those not
// under attack) and its fighters blend into the population (000; 004 §3.3).
//
// Assaults (holding posture, during a scheduled offensive). A target is a town held by an enemy in
// the offensive's regions; its score is weight / (1 + km / 300), km the road distance from the
// nearest town the group holds (or its home regions' towns), and the group attacks the best town
// that its mobile fighters outgun by attack_ratio (effective strengths), resting
// attack_interval_days between assaults. The scenario schedules the offensive (a decision); who
// wins is M5's.
//
// Guerrilla attacks (any posture, by dispersed fighters). Each day N ~ Poisson(rate · D / 100)
// attacks, D the dispersed fighters. Each picks a town in the group's regions with troops of the
// state's side, weighted by the troops there, with UN troops weighted up by
// un_weight · (1 − impartiality) (M11: a partial UN is a party). A share ied_share are
// IEDs/remote attacks (Poisson(ied_fatalities) deaths among the troops hit, no losses to the
// group); the rest are ambushes: skirmishes (M5) of ambush_people fighters against
// exposed_share of the troops present. When M16 (attacks on peace operations) runs, the attacks
// whose victim is a UN force are left to it: drawn as before, then not carried out, so that UN
// troops are not attacked twice and the army's and other forces' share is unchanged.
#pragma once

#include <vector>

#include "engine/parameter_table.hpp"
#include "mechanisms/combat/combat.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
}

namespace peacesim::mechanisms::group_strategy {

struct Params {
  bool enabled = true;
  double guerrilla_ratio = 1.0;
  double attack_ratio = 1.5;
  int attack_interval_days = 4;
  double garrison_share = 0.3;  // of a holding group's fighters left in the towns it holds
  double attack_rate = 0.01;    // guerrilla attacks per 100 dispersed fighters per day
  double clash_rate = 0.003;    // group-on-group clashes a day per 100 geometric-mean fighters
  double clash_people = 150;    // fighters each group commits to a clash
  // Exponent of the attention the two sides give each other (group_clashes): 0 every hostile pair
  // fights as if alone; 1 a group spreads its effort over its enemies by their strength.
  double clash_attention = 0.0;
  // Share of its clash rate a self-defence militia keeps where none of its communities feels
  // threatened (M14): 1, it fights wherever it meets its enemies; 0, only in defence.
  double defence_floor = 1.0;
  // Factor on the clash rate of a pair of a militia (pro-government or self-defence) and a jihadist
  // group: 1, they meet as any two hostile groups do; below, they avoid each other's fighters.
  double militia_jihadist_clash = 1.0;
  double ied_share = 0.4;
  double ied_dispersion = 0.25;  // shape of the negative binomial of an IED's deaths
  double ied_fatalities = 1.5;
  double ambush_people = 30;
  double exposed_share = 0.15;
  double patrol_people = 40;           // most troops an ambush catches
  double terror_rate = 0.004;          // high-profile attacks outside its areas, per 1000 fighters a day
  double terror_fatalities = 5;        // their mean deaths
  double terror_foreign_people = 100;  // foreign troops that double a town's weight as a target
  double un_weight = 2.0;
};

// Its parameters, each bound to its member of Params (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

inline constexpr engine::StreamId kStream = 0x0C03;  // guerrilla attacks, by group

// One day of decisions and guerrilla attacks for every active group, with M5's rules for the
// fighting and the UN's impartiality as the groups see it (M11); `un_left_to_m16`: M16 runs.
void act(conflict::State& state, conflict::Context& context, const Params& params,
         const combat::Params& combat, double un_impartiality, bool un_left_to_m16 = false);

// The effective strength of conventional forces hostile to group g in its regions.
double hostile_power(const conflict::State& state, conflict::ActorIndex g);

}  // namespace peacesim::mechanisms::group_strategy
