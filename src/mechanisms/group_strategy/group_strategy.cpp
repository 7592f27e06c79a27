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
    if (g.at_place[p] <= 0.0) continue;
    g.disperse(state.places[p].region, g.at_place[p]);
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
  // The force an assault can gather: the fighters dispersed in the target's region, and what the
  // towns it holds can spare.
  double spare = 0.0;
  for (const PlaceIndex p : held) spare += std::max(0.0, g.at_place[p] - keep);
  if (spare <= 0.0 && g.dispersed_total() <= 0.0) return;

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
    const double mobile = spare + (place.region < g.dispersed.size() ? g.dispersed[place.region] : 0.0);
    if (mobile * g.capability < params.attack_ratio * defender_power(state, static_cast<PlaceIndex>(q)))
      continue;
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
  // Move the mobile fighters to the target: the region's dispersed first, then what the towns can spare.
  g.at_place[best] +=
      g.take_dispersed_in(state.places[best].region, g.dispersed[state.places[best].region], false);
  for (const PlaceIndex p : held) {
    const double spared = std::max(0.0, g.at_place[p] - keep);
    g.at_place[p] -= spared;
    g.at_place[best] += spared;
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

// One guerrilla attack by group a on the state's side at p: an IED or an ambush.
void strike(State& state, conflict::Context& context, ActorIndex a, PlaceIndex p, const Params& params,
            const combat::Params& combat_params, double impartiality, bool un_left_to_m16,
            engine::RandomDraws& draws) {
  auto& g = state.group(a);
  const int victim = pick_victim(state, p, params, impartiality, draws);
  if (un_left_to_m16 && victim >= 0 && state.forces[static_cast<std::size_t>(victim)].un) return;  // M16's
  const std::string victim_name =
      victim < 0 ? state.actor_name(kState, p) : state.forces[static_cast<std::size_t>(victim)].name;
  if (draws.uniform() < params.ied_share) {
    const double dead = combat::force_losses(
        state, context, p, victim,
        combat_params.enabled
            ? conflict::negative_binomial(draws, params.ied_fatalities, params.ied_dispersion)
            : 0.0);
    events::Happening h;
    h.type = events::EventType::ExplosionsRemoteViolence;
    h.sub_type = "Remote explosive/landmine/IED";
    h.actor1 = g.event_name();
    h.actor2 = victim_name;
    h.type1 = events::actor_type(g);
    h.type2 = victim < 0 ? events::ActorType::State : events::ActorType::External;
    h.place = p;
    h.fatalities = static_cast<int>(std::lround(dead));
    context.log.emit(context.recorder, state, h);
    state.places[p].danger += dead;
    return;
  }
  const auto& army = state.country_of(p);
  const double exposed = victim < 0 ? state.places[p].army * army.army_capability * army.army_morale
                                    : state.forces[static_cast<std::size_t>(victim)].at_place[p] *
                                          state.forces[static_cast<std::size_t>(victim)].capability;
  // The ambush catches a patrol or convoy: a share of the troops there, at most a patrol.
  const double troops =
      victim < 0 ? state.places[p].army : state.forces[static_cast<std::size_t>(victim)].at_place[p];
  const double caught = std::min(params.exposed_share * troops, params.patrol_people);
  const double here = g.dispersed[state.places[p].region];
  combat::skirmish(state, context, combat_params, p, a, std::min(params.ambush_people, here),
                   troops > 0.0 ? exposed * caught / troops : 0.0, victim_name, true, draws);
}

void guerrilla_attacks(State& state, conflict::Context& context, ActorIndex a, const Params& params,
                       const combat::Params& combat_params, double impartiality, bool un_left_to_m16) {
  auto& g = state.group(a);
  if (!state.are_hostile(a, kState)) return;
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), a);
  // Each region's fighters strike the hostile troops of their own region.
  std::vector<double> weight(state.places.size(), 0.0);
  for (std::size_t r = 0; r < g.dispersed.size(); ++r) {
    if (g.dispersed[r] <= 0.0) continue;
    const std::uint32_t n = conflict::poisson(draws, params.attack_rate * g.dispersed[r] / 100.0);
    if (n == 0) continue;
    double total = 0.0;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto& place = state.places[p];
      weight[p] = 0.0;
      if (!is_town(place) || place.region != r) continue;
      weight[p] = place.army + place.foreign + place.peacekeepers * params.un_weight * (1.0 - impartiality);
      total += weight[p];
    }
    if (total <= 0.0) continue;
    for (std::uint32_t i = 0; i < n && g.dispersed[r] > 0.0; ++i) {
      const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
      strike(state, context, a, p, params, combat_params, impartiality, un_left_to_m16, draws);
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

namespace {

// A group's fighters in region r: dispersed there and in its towns there.
double fighters_in(const State& state, const conflict::Group& g, std::size_t r) {
  double f = r < g.dispersed.size() ? g.dispersed[r] : 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (is_town(state.places[p]) && state.places[p].region == r) f += g.at_place[p];
  }
  return f;
}

// How ready group g is to fight in region r: 1, except for a self-defence militia, which takes up
// arms against its enemies as far as one of its communities feels threatened there (M14's
// community_threat, 0..1, none without M14): floor + (1 − floor) · max_c threat_c,r.
double readiness(const State& state, const conflict::Group& g, std::size_t r, double floor) {
  if (g.kind != conflict::GroupKind::SelfDefence || floor >= 1.0) return 1.0;
  double threat = 0.0;
  for (std::size_t c = 0; c < state.community_threat.size(); ++c) {
    if (in_mask(g.communities, c) && r < state.community_threat[c].size())
      threat = std::max(threat, state.community_threat[c][r]);
  }
  return floor + (1.0 - floor) * threat;
}

// Whether one of two groups is a militia (on the state's side or its community's) and the other a
// jihadist group.
bool militia_and_jihadist(const conflict::Group& a, const conflict::Group& b) {
  const auto one_way = [](const conflict::Group& m, const conflict::Group& j) {
    return conflict::sides_with_state(m.kind) && j.kind == conflict::GroupKind::Jihadist;
  };
  return one_way(a, b) || one_way(b, a);
}

// Clashes between hostile armed groups where both have fighters: in each region, a Poisson number
// a day with mean clash_rate · sqrt(F_a · F_b) / 100 (the encounter rate of two populations
// sharing ground), each at a town of the region picked by its weight. A group facing several
// enemies there divides its effort among them by their strength: the mean is multiplied by
// (F_b / E_a · F_a / E_b)^(attention / 2), E_g the fighters of g's active enemies in the region
// (1 for a pair alone), so that a crowded region's fighting grows with the square root of the
// number of enemies a group has there, not with it. A self-defence militia's side of the mean is
// multiplied by its readiness there (above), and a pair of a militia and a jihadist group's mean by
// militia_jihadist_clash.
void group_clashes(State& state, conflict::Context& context, const Params& params,
                   const combat::Params& combat_params) {
  const std::size_t regions = state.regions.size();
  const std::size_t groups = state.groups.size();
  std::vector<double> weight(state.places.size(), 0.0);
  // E above: the fighters of each group's active enemies by region, as the day begins (only needed
  // with attention). The pairs below read their own strengths afresh, since earlier clashes of the
  // day have taken their dead.
  std::vector<double> enemies;
  if (params.clash_attention > 0.0) {
    std::vector<double> fighters(groups * regions, 0.0);
    enemies.assign(groups * regions, 0.0);
    for (std::size_t i = 0; i < groups; ++i) {
      if (!state.groups[i].active) continue;
      for (std::size_t r = 0; r < regions; ++r)
        fighters[i * regions + r] = fighters_in(state, state.groups[i], r);
    }
    for (std::size_t i = 0; i < groups; ++i) {
      for (std::size_t j = 0; j < groups; ++j) {
        if (i == j || !state.are_hostile(static_cast<ActorIndex>(i + 1), static_cast<ActorIndex>(j + 1)))
          continue;
        for (std::size_t r = 0; r < regions; ++r) enemies[i * regions + r] += fighters[j * regions + r];
      }
    }
  }
  for (std::size_t i = 0; i < groups; ++i) {
    if (!state.groups[i].active) continue;
    for (std::size_t j = i + 1; j < groups; ++j) {
      const auto a = static_cast<ActorIndex>(i + 1);
      const auto b = static_cast<ActorIndex>(j + 1);
      if (!state.groups[j].active || !state.are_hostile(a, b)) continue;
      auto draws =
          context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 0x10000u + 256u * a + b);
      const double kinds =
          militia_and_jihadist(state.groups[i], state.groups[j]) ? params.militia_jihadist_clash : 1.0;
      for (std::size_t r = 0; r < regions; ++r) {
        const double fa = fighters_in(state, state.groups[i], r);
        const double fb = fighters_in(state, state.groups[j], r);
        if (fa <= 0.0 || fb <= 0.0) continue;
        double attention = 1.0;
        if (params.clash_attention > 0.0) {
          const double shares = fb / enemies[i * regions + r] * fa / enemies[j * regions + r];
          attention = std::pow(shares, params.clash_attention / 2.0);
        }
        const double ready = readiness(state, state.groups[i], r, params.defence_floor) *
                             readiness(state, state.groups[j], r, params.defence_floor) * kinds;
        const std::uint32_t n =
            conflict::poisson(draws, params.clash_rate * std::sqrt(fa * fb) / 100.0 * attention * ready);
        if (n == 0) continue;
        double total = 0.0;
        for (std::size_t p = 0; p < state.places.size(); ++p) {
          weight[p] = is_town(state.places[p]) && state.places[p].region == r ? state.places[p].weight : 0.0;
          total += weight[p];
        }
        if (total <= 0.0) continue;
        for (std::uint32_t k = 0; k < n; ++k) {
          const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
          const double ca = std::min(params.clash_people, fighters_in(state, state.groups[i], r));
          const double cb = std::min(params.clash_people, fighters_in(state, state.groups[j], r));
          if (ca <= 0.0 || cb <= 0.0) break;
          // The side with more fighters here starts it.
          if (ca >= cb) {
            combat::clash(state, context, combat_params, p, a, b, ca, cb, draws);
          } else {
            combat::clash(state, context, combat_params, p, b, a, cb, ca, draws);
          }
        }
      }
    }
  }
}

// Attacks far from a jihadist group's own areas, on the places where the state and its foreign
// partners are most visible (the capital, towns with foreign troops): N ~ Poisson(terror_rate ·
// F / 1000) a day, F the group's fighters, each at a town picked by weight · (1 + foreign troops
// / terror_foreign_people), with negative-binomial deaths (few, but some very deadly).
void distant_attacks(State& state, conflict::Context& context, ActorIndex a, const Params& params) {
  const auto& g = state.group(a);
  if (g.kind != conflict::GroupKind::Jihadist || !state.are_hostile(a, kState)) return;
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 0x20000u + a);
  const std::uint32_t n = conflict::poisson(draws, params.terror_rate * g.fighters_people() / 1000.0);
  if (n == 0) return;
  std::vector<double> weight(state.places.size(), 0.0);
  double total = 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place) || in_mask(g.regions, place.region) || place.controller != kState) continue;
    weight[p] = place.weight * (1.0 + place.foreign / params.terror_foreign_people);
    total += weight[p];
  }
  if (total <= 0.0) return;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
    const double dead = conflict::negative_binomial(draws, params.terror_fatalities, params.ied_dispersion);
    context.ops.kill_residents(state, p, dead, draws, {a, 0, 0.0});
    events::Happening h;
    h.type = events::EventType::ViolenceAgainstCivilians;
    h.sub_type = "Attack";
    h.actor1 = g.event_name();
    h.actor2 = state.civilians_name(p);
    h.type1 = events::actor_type(g);
    h.type2 = events::ActorType::Civilians;
    h.place = p;
    h.fatalities = static_cast<int>(dead);
    h.civilian_fatalities = h.fatalities;
    context.log.emit(context.recorder, state, h);
    state.places[p].danger += dead;
  }
}

}  // namespace

void act(State& state, conflict::Context& context, const Params& params, const combat::Params& combat_params,
         double un_impartiality, bool un_left_to_m16) {
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
    guerrilla_attacks(state, context, a, params, combat_params, un_impartiality, un_left_to_m16);
    distant_attacks(state, context, a, params);
  }
  group_clashes(state, context, params, combat_params);
}

}  // namespace peacesim::mechanisms::group_strategy
