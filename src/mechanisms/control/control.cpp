#include "mechanisms/control/control.hpp"

#include <algorithm>

namespace peacesim::mechanisms::control {

using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"control_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M8: towns change hands and state authority moves; off, towns keep their first controller"},
      {"control_authority_rate", ParameterKind::Real, 1.0 / 60.0, 1.0 / 365.0, 1.0, "1/day",
       "assumption: administrators return over about two months after soldiers (004 §3.3: the state's return "
       "to the north lagged the recapture)",
       "Daily rate at which a town's state authority moves towards its target"},
      {"control_authority_base", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "assumption: a state-held town without troops keeps some administration",
       "State authority of a state-held town with no troops"},
      {"control_presence_people", ParameterKind::Real, 500, 50, 5000, "people",
       "assumption: a battalion-sized presence makes the state's writ run in a town",
       "Troops (army and foreign) for full state authority in a town"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  return {p.boolean("control_enabled"), p.real("control_authority_rate"), p.real("control_authority_base"),
          p.real("control_presence_people")};
}

void capture(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
             conflict::ActorIndex winner, int fatalities) {
  conflict::Place& place = state.places[p];
  const conflict::ActorIndex loser = place.controller;
  if (loser == winner || !state.towns_change_hands) return;
  place.controller = winner;
  place.last_change_day = state.day;
  if (winner != conflict::kState) place.state_authority = 0.0;
  events::Happening h;
  h.type = events::EventType::Battles;
  h.sub_type =
      winner == conflict::kState ? "Government regains territory" : "Non-state actor overtakes territory";
  h.actor1 = state.actor_name(winner);
  h.actor2 = state.actor_name(loser);
  h.type1 = winner == conflict::kState ? events::ActorType::State : events::actor_type(state.group(winner));
  h.type2 = loser == conflict::kState ? events::ActorType::State : events::actor_type(state.group(loser));
  h.place = p;
  h.fatalities = fatalities;
  context.log.emit(context.recorder, state, h);
}

void update_authority(conflict::State& state, const Params& params) {
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    conflict::Place& place = state.places[p];
    if (!conflict::is_town(place)) continue;
    double target = 0.0;
    if (place.controller == conflict::kState) {
      // M10's redeployment adds to the baseline where an agreement is being implemented.
      const double bonus = p < state.authority_bonus.size() ? state.authority_bonus[p] : 0.0;
      target = std::min(1.0, params.base + bonus + (place.army + place.foreign) / params.presence_people);
    }
    place.state_authority += params.rate * (target - place.state_authority);
  }
}

std::vector<double> towns_held(const conflict::State& state, int region) {
  std::vector<double> held(state.actor_count(), 0.0);
  for (const conflict::Place& place : state.places) {
    if (!place.in_mali || place.kind != conflict::PlaceKind::Town) continue;
    if (region >= 0 && place.region != region) continue;
    if (place.controller < held.size()) held[place.controller] += 1.0;
  }
  return held;
}

}  // namespace peacesim::mechanisms::control
