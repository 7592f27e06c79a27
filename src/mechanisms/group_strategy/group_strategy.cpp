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
using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"strategy_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M3: groups attack towns and wage guerrilla war; off, groups only exist and recruit"},
      {"strategy_guerrilla_ratio", ParameterKind::Real, 1.0, 0.2, 5.0, "1",
       "000; 004 §3.3 (facing Serval the jihadists 'blend in with the local population'); threshold: "
       "assumption",
       "Hostile conventional strength, relative to the group's own, at which it stops holding towns"},
      {"strategy_attack_ratio", ParameterKind::Real, 1.5, 0.5, 5.0, "1",
       "assumption: attackers seek local superiority before an assault (the 3:1 rule of thumb, relaxed for "
       "surprise)",
       "Effective superiority a group needs over a town's defenders before it assaults"},
      {"strategy_attack_interval_days", ParameterKind::Integer, 4, 1, 60, "days",
       "assumption: the MNLA took the northern towns at a pace of one every few days (004 §3.2)",
       "Days a group rests between assaults"},
      {"strategy_garrison_share", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "assumption: groups left small garrisons and moved their main force (004 §3.2)",
       "Share of a holding group's fighters kept in the towns it holds"},
      {"strategy_attack_rate", ParameterKind::Real, 0.01, 0.0, 0.2, "1/(100 fighters·day)",
       "assumption: calibrated on ACLED 2013-2016 event counts (docs/model/group-strategy.md)",
       "Guerrilla attacks per 100 dispersed fighters per day"},
      {"strategy_ied_share", ParameterKind::Real, 0.4, 0.0, 1.0, "1",
       "002 (IEDs and mines the main threat to MINUSMA); share: assumption",
       "Share of guerrilla attacks that are IEDs or other remote violence"},
      {"strategy_ied_fatalities", ParameterKind::Real, 1.5, 0.0, 10.0, "people",
       "assumption: most IED strikes in ACLED 2013-2016 kill one or two", "Mean deaths of an IED attack"},
      {"strategy_ambush_people", ParameterKind::Real, 30, 5, 300, "people",
       "assumption: ambushes are the work of a few pick-ups of fighters", "Fighters committed to an ambush"},
      {"strategy_exposed_share", ParameterKind::Real, 0.15, 0.01, 1.0, "1",
       "assumption: a patrol or convoy, not the whole garrison, is caught",
       "Share of a town's troops exposed to an ambush"},
      {"strategy_un_weight", ParameterKind::Real, 2.0, 0.0, 10.0, "1",
       "002 (groups treat a partial UN as a party); MODEL.md M11; size: assumption",
       "Extra weight of UN troops as targets, times (1 - UN impartiality)"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  Params r;
  r.enabled = p.boolean("strategy_enabled");
  r.guerrilla_ratio = p.real("strategy_guerrilla_ratio");
  r.attack_ratio = p.real("strategy_attack_ratio");
  r.attack_interval_days = static_cast<int>(p.integer("strategy_attack_interval_days"));
  r.garrison_share = p.real("strategy_garrison_share");
  r.attack_rate = p.real("strategy_attack_rate");
  r.ied_share = p.real("strategy_ied_share");
  r.ied_fatalities = p.real("strategy_ied_fatalities");
  r.ambush_people = p.real("strategy_ambush_people");
  r.exposed_share = p.real("strategy_exposed_share");
  r.un_weight = p.real("strategy_un_weight");
  return r;
}

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
int pick_victim(const State& state, PlaceIndex p, const Params& params, engine::RandomDraws& draws) {
  std::vector<double> w(state.forces.size() + 1, 0.0);
  w[0] = state.places[p].army;
  for (std::size_t f = 0; f < state.forces.size(); ++f) {
    const auto& force = state.forces[f];
    w[f + 1] = force.at_place[p] * (force.un ? 1.0 + params.un_weight * (1.0 - state.un_impartiality) : 1.0);
  }
  double total = 0.0;
  for (double x : w) total += x;
  if (total <= 0.0) return -1;
  return static_cast<int>(conflict::weighted_pick(draws, w, total)) - 1;
}

void guerrilla_attacks(State& state, conflict::Context& context, ActorIndex a, const Params& params,
                       const combat::Params& combat_params) {
  auto& g = state.group(a);
  if (g.dispersed <= 0.0) return;
  auto draws = context.random.draws(conflict::kStrategyStream, static_cast<std::uint32_t>(state.day), a);
  const std::uint32_t n = conflict::poisson(draws, params.attack_rate * g.dispersed / 100.0);
  if (n == 0) return;
  // Targets: towns in its regions with hostile troops.
  std::vector<double> weight(state.places.size(), 0.0);
  double total = 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place) || !in_mask(g.regions, place.region) || !state.are_hostile(a, kState)) continue;
    weight[p] =
        place.army + place.foreign + place.peacekeepers * params.un_weight * (1.0 - state.un_impartiality);
    total += weight[p];
  }
  if (total <= 0.0) return;
  for (std::uint32_t i = 0; i < n && g.dispersed > 0.0; ++i) {
    const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
    const int victim = pick_victim(state, p, params, draws);
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

void act(State& state, conflict::Context& context, const Params& params,
         const combat::Params& combat_params) {
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
    guerrilla_attacks(state, context, a, params, combat_params);
  }
}

}  // namespace peacesim::mechanisms::group_strategy
