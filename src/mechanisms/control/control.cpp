#include "mechanisms/control/control.hpp"

#include <algorithm>

namespace peacesim::mechanisms::control {

void capture(conflict::State& state, conflict::Context& context, conflict::PlaceIndex p,
             conflict::ActorIndex winner, int fatalities, int civilian_fatalities,
             const std::string& winner_name) {
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
  h.actor1 = winner_name.empty() ? state.actor_name(winner, p) : winner_name;
  h.actor2 = state.actor_name(loser, p);
  const bool foreign =
      winner == conflict::kState && !winner_name.empty() && winner_name != state.actor_name(winner, p);
  h.type1 = winner == conflict::kState ? (foreign ? events::ActorType::External : events::ActorType::State)
                                       : events::actor_type(state.group(winner));
  h.type2 = loser == conflict::kState ? events::ActorType::State : events::actor_type(state.group(loser));
  h.place = p;
  h.fatalities = fatalities;
  h.civilian_fatalities = civilian_fatalities;
  context.log.emit(context.recorder, state, h);
}

void update_authority(conflict::State& state, const Params& params,
                      const std::vector<double>& authority_bonus) {
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    conflict::Place& place = state.places[p];
    if (!conflict::is_town(place)) continue;
    double target = 0.0;
    if (place.controller == conflict::kState) {
      // M10's redeployment adds to the baseline where an agreement is being implemented.
      const double bonus = p < authority_bonus.size() ? authority_bonus[p] : 0.0;
      target = std::min(1.0, params.base + bonus + (place.army + place.foreign) / params.presence_people);
    }
    place.state_authority += params.rate * (target - place.state_authority);
  }
}

std::vector<double> towns_held(const conflict::State& state, int region) {
  std::vector<double> held(state.actor_count(), 0.0);
  for (const conflict::Place& place : state.places) {
    if (!place.in_theatre || place.kind != conflict::PlaceKind::Town) continue;
    if (region >= 0 && place.region != region) continue;
    if (place.controller < held.size()) held[place.controller] += 1.0;
  }
  return held;
}

}  // namespace peacesim::mechanisms::control

namespace peacesim::mechanisms::control {

void note_changes(const conflict::State& state, History& history) {
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (state.places[p].controller == history.last_controller[p]) continue;
    history.last_controller[p] = state.places[p].controller;
    history.changes.push_back(
        {state.date, state.places[p].name,
         state.actor_name(state.places[p].controller, static_cast<conflict::PlaceIndex>(p))});
  }
}

}  // namespace peacesim::mechanisms::control
