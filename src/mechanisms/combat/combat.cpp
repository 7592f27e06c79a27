#include "mechanisms/combat/combat.hpp"

#include <algorithm>
#include <cmath>

#include "mechanisms/conflict/draws.hpp"

namespace peacesim::mechanisms::combat {

using conflict::ActorIndex;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;
double state_power(const State& state, PlaceIndex p) { return state.state_power(p); }

bool start_battle(State& state, PlaceIndex p, ActorIndex attacker, int force) {
  for (const auto& b : state.battles) {
    if (b.place == p) return false;
  }
  conflict::Battle b;
  b.place = p;
  b.attacker = attacker;
  b.defender = state.places[p].controller;
  b.started = state.day;
  b.force = force;
  b.attacker_start = attacker == kState ? state.state_people(p) : state.group(attacker).at_place[p];
  b.defender_start = b.defender == kState ? state.state_people(p) : state.group(b.defender).at_place[p];
  state.battles.push_back(b);
  return true;
}

double state_losses(State& state, conflict::Context& context, PlaceIndex p, double people) {
  conflict::Place& place = state.places[p];
  const double total = place.army + place.foreign;
  if (total <= 0.0 || people <= 0.0) return 0.0;
  const double take = std::min(people, total);
  const double army_part = take * place.army / total;
  const auto region = static_cast<engine::RegionIndex>(1 + place.region);
  place.army -= army_part;
  auto& army = state.country_of(p);
  army.army_total = std::max(0.0, army.army_total - army_part);
  if (!context.casualty_series.empty() && army_part > 0.0) {
    context.recorder.add(context.casualty_series[0], 0, army_part);
    context.recorder.add(context.casualty_series[0], region, army_part);
  }
  // Foreign forces' losses are recorded but their strengths follow the scenario's record (losses
  // are replaced): the record already reflects what each contributor kept in the field.
  for (std::size_t f = 0; f < state.forces.size(); ++f) {
    const double here = state.forces[f].at_place[p];
    if (here <= 0.0) continue;
    const double part = take * here / total;
    state.forces[f].lost += part;
    if (f + 1 < context.casualty_series.size()) {
      context.recorder.add(context.casualty_series[f + 1], 0, part);
      context.recorder.add(context.casualty_series[f + 1], region, part);
    }
  }
  return take;
}

double force_losses(State& state, conflict::Context& context, PlaceIndex p, int force, double people) {
  conflict::Place& place = state.places[p];
  const auto region = static_cast<engine::RegionIndex>(1 + place.region);
  double taken = 0.0;
  if (force < 0) {
    taken = std::min(people, place.army);
    place.army -= taken;
    auto& army = state.country_of(p);
    army.army_total = std::max(0.0, army.army_total - taken);
  } else {
    auto& f = state.forces[static_cast<std::size_t>(force)];
    taken = std::min(people, f.at_place[p]);
    f.lost += taken;
  }
  const auto series = static_cast<std::size_t>(force + 1);
  if (series < context.casualty_series.size() && taken > 0.0) {
    context.recorder.add(context.casualty_series[series], 0, taken);
    context.recorder.add(context.casualty_series[series], region, taken);
  }
  return taken;
}

namespace {

struct Side {
  double people = 0;
  double effective = 0;
};

Side side_at(const State& state, PlaceIndex p, ActorIndex actor) {
  if (actor == kState) return {state.state_people(p), state.state_power(p)};
  const auto& g = state.group(actor);
  return {g.at_place[p], g.at_place[p] * g.capability};
}

// Takes losses from one side at p; returns the people actually lost.
double take_losses(State& state, conflict::Context& context, PlaceIndex p, ActorIndex actor, double losses) {
  if (losses <= 0.0) return 0.0;
  if (actor == kState) {
    const double have = state.state_people(p);
    const double lost = std::min(losses, have);
    state_losses(state, context, p, lost);
    return lost;
  }
  auto& g = state.group(actor);
  const double lost = std::min(losses, g.at_place[p]);
  g.at_place[p] -= lost;
  context.ops.kill_fighters(state, actor, lost);
  return lost;
}

// The state's side leaves p for its nearest held town (soldiers regroup); foreign forces too.
void state_withdraws(State& state, PlaceIndex p) {
  const PlaceIndex to = state.nearest_held(p, kState);
  if (to != conflict::kNoPlace) state.places[to].army += state.places[p].army;
  state.places[p].army = 0.0;
  for (auto& f : state.forces) {
    if (to != conflict::kNoPlace) f.at_place[to] += f.at_place[p];
    f.at_place[p] = 0.0;
    if (f.target == p) f.target = conflict::kNoPlace;
    // A column that fell back starts again from where it regrouped, not from the enemy town.
    if (f.position == p) f.position = to;
  }
  state.refresh_foreign();
}

// A group leaves p: its fighters blend into the population (M3's guerrilla).
void group_withdraws(State& state, PlaceIndex p, ActorIndex g) {
  auto& group = state.group(g);
  group.disperse(state.places[p].region, group.at_place[p]);
  group.at_place[p] = 0.0;
}

void withdraw(State& state, PlaceIndex p, ActorIndex actor) {
  if (actor == kState) {
    state_withdraws(state, p);
  } else {
    group_withdraws(state, p, actor);
  }
}

std::string side_name(const State& state, ActorIndex actor, int force, PlaceIndex p) {
  if (actor == kState && force >= 0) return state.forces[static_cast<std::size_t>(force)].name;
  return state.actor_name(actor, p);
}

events::ActorType side_type(const State& state, ActorIndex actor, int force) {
  if (actor == kState) return force >= 0 ? events::ActorType::External : events::ActorType::State;
  return events::actor_type(state.group(actor));
}

// A battle is one event, recorded when it ends, with all its dead (ACLED codes an assault as one
// event, not one a day).
int battle_dead(const conflict::Battle& b) {
  return static_cast<int>(std::lround(b.attacker_lost + b.defender_lost + b.civilians_lost));
}

// The event of a battle that ends without the town changing hands through it: one armed clash.
void record_clash(State& state, conflict::Context& context, const conflict::Battle& b) {
  events::Happening h;
  h.type = events::EventType::Battles;
  h.sub_type = "Armed clash";
  h.actor1 = side_name(state, b.attacker, b.force, b.place);
  h.actor2 = side_name(state, b.defender, -1, b.place);
  h.type1 = side_type(state, b.attacker, b.force);
  h.type2 = side_type(state, b.defender, -1);
  h.place = b.place;
  h.fatalities = battle_dead(b);
  h.civilian_fatalities = static_cast<int>(std::lround(b.civilians_lost));
  context.log.emit(context.recorder, state, h);
}

}  // namespace

void fight(State& state, conflict::Context& context, const Params& params) {
  std::vector<conflict::Battle> going_on;
  going_on.reserve(state.battles.size());
  for (auto b : state.battles) {
    const PlaceIndex p = b.place;
    // A battle cut short (the town changed hands otherwise, or the attacker is no longer there)
    // ends as a clash with the dead of the days it was fought, if it was fought at all (it is
    // first fought the day it starts); an undefended town is taken with them.
    const bool fought = state.day > b.started;
    if (state.places[p].controller != b.defender) {
      if (fought) record_clash(state, context, b);
      continue;
    }
    const Side a = side_at(state, p, b.attacker);
    const Side d = side_at(state, p, b.defender);
    if (a.people <= 0.0) {
      if (fought) record_clash(state, context, b);
      continue;
    }
    if (d.people <= 0.0) {
      control::capture(state, context, p, b.attacker, battle_dead(b),
                       static_cast<int>(std::lround(b.civilians_lost)),
                       side_name(state, b.attacker, b.force, b.place));
      continue;
    }
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), p);
    double lost_d = 0.0, lost_a = 0.0, civilians = 0.0;
    if (params.enabled) {
      lost_d = take_losses(state, context, p, b.defender,
                           conflict::poisson(draws, params.attrition * a.effective));
      lost_a = take_losses(state, context, p, b.attacker,
                           conflict::poisson(draws, params.attrition * d.effective));
      civilians = conflict::poisson(draws, params.civilian_share * (lost_a + lost_d));
      context.ops.kill_residents(state, p, civilians, draws);
    }
    b.attacker_lost += lost_a;
    b.defender_lost += lost_d;
    b.civilians_lost += civilians;
    state.places[p].danger += lost_a + lost_d + civilians;

    const Side a2 = side_at(state, p, b.attacker);
    const Side d2 = side_at(state, p, b.defender);
    const bool attacker_breaks = a2.people <= 0.0 ||
                                 b.attacker_lost >= params.break_loss * b.attacker_start ||
                                 a2.effective < params.break_ratio * d2.effective;
    const bool defender_breaks = d2.people <= 0.0 ||
                                 b.defender_lost >= params.break_loss * b.defender_start ||
                                 d2.effective < params.break_ratio * a2.effective;
    // When both break, the side with the worse ratio of effective strengths gives way.
    const bool defender_gives_way =
        defender_breaks && (!attacker_breaks || d2.effective * a.effective <= a2.effective * d.effective);
    if (defender_gives_way) {
      withdraw(state, p, b.defender);
      control::capture(state, context, p, b.attacker, battle_dead(b),
                       static_cast<int>(std::lround(b.civilians_lost)),
                       side_name(state, b.attacker, b.force, b.place));
      continue;
    }
    if (attacker_breaks || state.day - b.started + 1 >= params.max_days) {
      withdraw(state, p, b.attacker);
      record_clash(state, context, b);
      continue;
    }
    going_on.push_back(b);
  }
  state.battles = std::move(going_on);
}

double skirmish(State& state, conflict::Context& context, const Params& params, PlaceIndex p, ActorIndex g,
                double group_people, double state_effective, const std::string& state_name,
                bool group_attacks, engine::RandomDraws& draws) {
  if (!params.enabled) return 0.0;
  auto& group = state.group(g);
  const double group_effective = group_people * group.capability;
  const double lost_g =
      std::min(group_people, static_cast<double>(conflict::negative_binomial(
                                 draws, params.attrition * state_effective, params.dispersion)));
  const double lost_s =
      state_losses(state, context, p,
                   conflict::negative_binomial(draws, params.attrition * group_effective, params.dispersion));
  // The dead are from the fighters around the place, then from any the group had moved into it.
  const double from_dispersed = group.take_dispersed_in(state.places[p].region, lost_g, false);
  if (lost_g > from_dispersed)
    group.at_place[p] = std::max(0.0, group.at_place[p] - (lost_g - from_dispersed));
  context.ops.kill_fighters(state, g, lost_g);
  events::Happening h;
  h.type = events::EventType::Battles;
  h.sub_type = "Armed clash";
  h.actor1 = group_attacks ? group.event_name() : state_name;
  h.actor2 = group_attacks ? state_name : group.event_name();
  const auto gt = events::actor_type(group);
  const auto st =
      state_name == state.actor_name(kState, p) ? events::ActorType::State : events::ActorType::External;
  h.type1 = group_attacks ? gt : st;
  h.type2 = group_attacks ? st : gt;
  h.place = p;
  h.fatalities = static_cast<int>(std::lround(lost_g + lost_s));
  context.log.emit(context.recorder, state, h);
  state.places[p].danger += lost_g + lost_s;
  return lost_g;
}

double group_losses(State& state, conflict::Context& context, PlaceIndex p, ActorIndex g, double people) {
  auto& group = state.group(g);
  const double from_dispersed = group.take_dispersed_in(state.places[p].region, people, false);
  const double from_town = std::min(std::max(0.0, people - from_dispersed), group.at_place[p]);
  group.at_place[p] -= from_town;
  context.ops.kill_fighters(state, g, from_dispersed + from_town);
  return from_dispersed + from_town;
}

double clash(State& state, conflict::Context& context, const Params& params, PlaceIndex p, ActorIndex a,
             ActorIndex b, double a_people, double b_people, engine::RandomDraws& draws) {
  if (!params.enabled) return 0.0;
  const auto& ga = state.group(a);
  const auto& gb = state.group(b);
  const double mean_b = params.attrition * a_people * ga.capability;
  const double mean_a = params.attrition * b_people * gb.capability;
  const double lost_b = group_losses(
      state, context, p, b,
      std::min(b_people, static_cast<double>(conflict::negative_binomial(draws, mean_b, params.dispersion))));
  const double lost_a = group_losses(
      state, context, p, a,
      std::min(a_people, static_cast<double>(conflict::negative_binomial(draws, mean_a, params.dispersion))));
  events::Happening h;
  h.type = events::EventType::Battles;
  h.sub_type = "Armed clash";
  h.actor1 = ga.event_name();
  h.actor2 = gb.event_name();
  h.type1 = events::actor_type(ga);
  h.type2 = events::actor_type(gb);
  h.place = p;
  h.fatalities = static_cast<int>(std::lround(lost_a + lost_b));
  context.log.emit(context.recorder, state, h);
  state.places[p].danger += lost_a + lost_b;
  return lost_a + lost_b;
}

}  // namespace peacesim::mechanisms::combat
