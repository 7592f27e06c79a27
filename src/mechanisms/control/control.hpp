// M8 Control and state authority (MODEL.md §4).
//
// Each town has a controller: the state's side or an armed group. A town changes hands when an
// attacker wins a battle there (M5) or enters it undefended. Each town's state authority A in
// [0, 1] relaxes daily towards a target:
//
//     A' = A + rate · (T − A),
//     T = [controller is the state] · min(1, base + bonus + (army + foreign) / presence_people)
//
// where bonus is the army's redeployment under a peace agreement being implemented (M10).
//
// so authority returns slowly after a recapture (administrators come back after soldiers) and
// collapses as quickly when a town falls. Cells share their nearest town's authority.
#pragma once

#include <vector>

#include "engine/parameters.hpp"
#include "mechanisms/conflict/context.hpp"

namespace peacesim::mechanisms::control {

struct Params {
  bool enabled = true;
  double rate = 1.0 / 60.0;        // per day
  double base = 0.3;               // authority of a state-held town without troops
  double presence_people = 500.0;  // troops for full authority
};

std::vector<engine::ParameterSpec> parameter_specs();
Params params_from(const engine::ParameterSet& parameters);

// Hands town p to `winner` and records the event (ACLED: Battles, "Non-state actor overtakes
// territory" or "Government regains territory"). `loser` is the previous controller.
void capture(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
             conflict::ActorIndex winner, int fatalities);

// The daily relaxation of state authority.
void update_authority(conflict::State& state, const Params& params);

// Towns held by each actor (index = actor) in a region (or all regions if region < 0).
std::vector<double> towns_held(const conflict::State& state, int region);

}  // namespace peacesim::mechanisms::control
