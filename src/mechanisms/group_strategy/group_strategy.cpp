#include "mechanisms/group_strategy/group_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "mechanisms/conflict/draws.hpp"

namespace peacesim::mechanisms::group_strategy {

using conflict::ActorIndex;
using conflict::in_mask;
using conflict::is_town;
using conflict::kNoPlace;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;
namespace {

// Effective strength of the side holding p, as an attacker must face it.
double defender_power(const State& state, PlaceIndex p) {
  const ActorIndex c = state.places[p].controller;
  if (c == kState) return state.state_power(p);
  const auto& g = state.group(c);
  return g.at_place[p] * g.capability;
}

bool attacking(const State& state, ActorIndex g) {
  return std::any_of(state.battles.begin(), state.battles.end(),
                     [&](const conflict::Battle& b) { return b.attacker == g; });
}

bool under_fire(const State& state, PlaceIndex p) {
  return std::any_of(state.battles.begin(), state.battles.end(),
                     [&](const conflict::Battle& b) { return b.place == p; });
}

// Leaves every town: fighters blend in. Towns stay nominally the group's until someone enters.
void go_guerrilla(State& state, ActorIndex a) {
  auto& g = state.group(a);
  g.posture = conflict::Posture::Guerrilla;
  for (std::size_t p = 0; p < g.at_place.size(); ++p) {
    if (under_fire(state, static_cast<PlaceIndex>(p))) continue;  // fighting men cannot slip away
    g.dispersed += g.at_place[p];
    g.at_place[p] = 0.0;
  }
}

void assault(State& state, ActorIndex a, const Params& params) {
  auto& g = state.group(a);
  if (state.day < g.rest_until || attacking(state, a)) return;
  const double fighters = g.fighters_people();
  // Towns held and the garrison each keeps.
  std::vector<PlaceIndex> held;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (is_town(state.places[p]) && state.places[p].controller == a)
      held.push_back(static_cast<PlaceIndex>(p));
  }
  const double keep =
      held.empty() ? 0.0 : params.garrison_share * fighters / static_cast<double>(held.size());
  double mobile = g.dispersed;
  for (const PlaceIndex p : held) mobile += std::max(0.0, g.at_place[p] - keep);
  if (mobile <= 0.0) return;
  const double mobile_power = mobile * g.capability;

  // Where the group starts from: the towns it holds, else the towns of its home regions.
  std::vector<PlaceIndex> origins = held;
  if (origins.empty()) {
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      if (is_town(state.places[p]) && in_mask(g.regions, state.places[p].region)) {
        origins.push_back(static_cast<PlaceIndex>(p));
      }
    }
  }
  PlaceIndex best = kNoPlace;
  double best_score = 0.0;
  for (std::size_t q = 0; q < state.places.size(); ++q) {
    const auto& place = state.places[q];
    if (!is_town(place) || !in_mask(g.offensive_regions, place.region)) continue;
    if (place.controller == a || !state.are_hostile(a, place.controller)) continue;
    if (under_fire(state, static_cast<PlaceIndex>(q))) continue;
    if (!g.offensive_towns.empty() &&
        std::find(g.offensive_towns.begin(), g.offensive_towns.end(), q) == g.offensive_towns.end()) {
      continue;
    }
    if (mobile_power < params.attack_ratio * defender_power(state, static_cast<PlaceIndex>(q))) continue;
    double km = std::numeric_limits<double>::infinity();
    for (const PlaceIndex o : origins) km = std::min(km, state.road_km[o][q]);
    if (!std::isfinite(km)) continue;
    const double score = place.weight / (1.0 + km / 300.0);
    if (score > best_score) {
      best_score = score;
      best = static_cast<PlaceIndex>(q);
    }
  }
  if (best == kNoPlace) return;
  // Move the mobile fighters to the target: the dispersed first, then what the towns can spare.
  g.at_place[best] += g.dispersed;
  g.dispersed = 0.0;
  for (const PlaceIndex p : held) {
    const double spare = std::max(0.0, g.at_place[p] - keep);
    g.at_place[p] -= spare;
    g.at_place[best] += spare;
  }
  combat::start_battle(state, best, a);
  g.rest_until = state.day + params.attack_interval_days;
}

// Picks who is hit at p: the army (-1) or a force, weighted by people, UN troops weighted up.
int pick_victim(const State& state, PlaceIndex p, const Params& params, double impartiality,
                engine::RandomDraws& draws) {
  std::vector<double> w(state.forces.size() + 1, 0.0);
  w[0] = state.places[p].army;
  for (std::size_t f = 0; f < state.forces.size(); ++f) {
    const auto& force = state.forces[f];
    w[f + 1] = force.at_place[p] * (force.un ? 1.0 + params.un_weight * (1.0 - impartiality) : 1.0);
  }
  double total = 0.0;
  for (double x : w) total += x;
  if (total <= 0.0) return -1;
  return static_cast<int>(conflict::weighted_pick(draws, w, total)) - 1;
}

void guerrilla_attacks(State& state, conflict::Context& context, ActorIndex a, const Params& params,
                       const combat::Params& combat_params, double impartiality) {
  auto& g = state.group(a);
  if (g.dispersed <= 0.0) return;
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), a);
  const std::uint32_t n = conflict::poisson(draws, params.attack_rate * g.dispersed / 100.0);
  if (n == 0) return;
  // Targets: towns in its regions with hostile troops.
  std::vector<double> weight(state.places.size(), 0.0);
  double total = 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place) || !in_mask(g.regions, place.region) || !state.are_hostile(a, kState)) continue;
    weight[p] = place.army + place.foreign + place.peacekeepers * params.un_weight * (1.0 - impartiality);
    total += weight[p];
  }
  if (total <= 0.0) return;
  for (std::uint32_t i = 0; i < n && g.dispersed > 0.0; ++i) {
    const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
    const int victim = pick_victim(state, p, params, impartiality, draws);
    const std::string victim_name =
        victim < 0 ? state.actor_name(kState) : state.forces[static_cast<std::size_t>(victim)].name;
    if (draws.uniform() < params.ied_share) {
      const double dead =
          combat::force_losses(state, context, p, victim,
                               combat_params.enabled ? conflict::poisson(draws, params.ied_fatalities) : 0.0);
      events::Happening h;
      h.type = events::EventType::ExplosionsRemoteViolence;
      h.sub_type = "Remote explosive/landmine/IED";
      h.actor1 = g.name;
      h.actor2 = victim_name;
      h.type1 = events::actor_type(g);
      h.type2 = victim < 0 ? events::ActorType::State : events::ActorType::External;
      h.place = p;
      h.fatalities = static_cast<int>(std::lround(dead));
      context.log.emit(context.recorder, state, h);
      state.places[p].danger += dead;
    } else {
      const double exposed = victim < 0 ? state.places[p].army * state.army_capability * state.army_morale
                                        : state.forces[static_cast<std::size_t>(victim)].at_place[p] *
                                              state.forces[static_cast<std::size_t>(victim)].capability;
      combat::skirmish(state, context, combat_params, p, a, std::min(params.ambush_people, g.dispersed),
                       exposed * params.exposed_share, victim_name, true, draws);
    }
  }
}

}  // namespace

double hostile_power(const State& state, ActorIndex a) {
  const auto& g = state.group(a);
  if (!state.are_hostile(a, kState)) return 0.0;
  double s = 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (is_town(place) && in_mask(g.regions | g.offensive_regions, place.region)) s += place.foreign_power;
  }
  return s;
}

void act(State& state, conflict::Context& context, const Params& params, const combat::Params& combat_params,
         double un_impartiality) {
  if (!params.enabled) return;
  for (std::size_t i = 0; i < state.groups.size(); ++i) {
    const auto a = static_cast<ActorIndex>(i + 1);
    auto& g = state.group(a);
    if (!g.active || !state.are_hostile(a, kState)) continue;
    const double own = g.fighters_people() * g.capability;
    const bool outgunned = hostile_power(state, a) >= params.guerrilla_ratio * own;
    const bool holds_towns =
        std::any_of(state.places.begin(), state.places.end(),
                    [&](const conflict::Place& p) { return is_town(p) && p.controller == a; });
    if (outgunned || (!g.offensive && !holds_towns)) {
      // Every day while outgunned: fighters pinned by a battle slip away once it is over.
      go_guerrilla(state, a);
    } else if (g.offensive) {
      g.posture = conflict::Posture::Hold;
    }
    if (g.posture == conflict::Posture::Hold && g.offensive) assault(state, a, params);
    guerrilla_attacks(state, context, a, params, combat_params, un_impartiality);
  }
}

}  // namespace peacesim::mechanisms::group_strategy
