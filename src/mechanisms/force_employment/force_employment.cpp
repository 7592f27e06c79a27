#include "mechanisms/force_employment/force_employment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "mechanisms/conflict/draws.hpp"

namespace peacesim::mechanisms::force_employment {

using conflict::ActorIndex;
using conflict::CountryIndex;
using conflict::in_mask;
using conflict::is_town;
using conflict::kNoPlace;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;
namespace {

bool enemy_town(const State& state, const conflict::Place& place) {
  return is_town(place) && state.held_by_enemy(place);
}

// Where a force's mobile element starts from: its position, else its main station.
PlaceIndex origin_of(const conflict::Force& f) {
  if (f.position != kNoPlace) return f.position;
  std::size_t best = 0;
  for (std::size_t p = 1; p < f.station.size(); ++p) {
    if (f.station[p] > f.station[best]) best = p;
  }
  return static_cast<PlaceIndex>(best);
}

PlaceIndex choose_target(const State& state, const conflict::Force& f) {
  const PlaceIndex from = origin_of(f);
  // The plan's objectives first, while any is in enemy hands.
  const bool plan = std::any_of(f.objectives.begin(), f.objectives.end(),
                                [&](PlaceIndex q) { return enemy_town(state, state.places[q]); });
  PlaceIndex best = kNoPlace;
  double best_score = 0.0;
  for (std::size_t q = 0; q < state.places.size(); ++q) {
    const auto& place = state.places[q];
    if (!enemy_town(state, place) || !in_mask(f.regions, place.region)) continue;
    if (plan && std::find(f.objectives.begin(), f.objectives.end(), q) == f.objectives.end()) continue;
    const double km = state.road_km[from][q];
    if (!std::isfinite(km)) continue;
    const double score = place.weight / (1.0 + km / 500.0);
    if (score > best_score) {
      best_score = score;
      best = static_cast<PlaceIndex>(q);
    }
  }
  return best;
}

// The army's reserve (in its state's capital) sends a garrison to a town the state's side has taken.
void garrison(State& state, PlaceIndex p, const Params& params) {
  auto& reserve = state.places[state.country_of(p).capital].army;
  const double sent = std::min(params.garrison_people, std::max(0.0, reserve - params.garrison_people));
  reserve -= sent;
  state.places[p].army += sent;
}

void place_forces(State& state, const Params& params) {
  for (auto& f : state.forces) {
    const double mobile = f.offensive && params.enabled ? params.mobile_share * f.strength : 0.0;
    std::fill(f.at_place.begin(), f.at_place.end(), 0.0);
    // Stations in towns the state's side does not hold are manned from that state's capital until
    // retaken.
    for (std::size_t p = 0; p < f.station.size(); ++p) {
      const auto at = static_cast<PlaceIndex>(p);
      const bool held = state.places[p].controller == kState;
      f.at_place[held ? at : state.country_of(at).capital] += (f.strength - mobile) * f.station[p];
    }
    if (mobile > 0.0 && f.position != kNoPlace && state.day >= f.arrival_day)
      f.at_place[f.position] += mobile;
    if (mobile > 0.0 && f.position == kNoPlace) {
      const PlaceIndex o = origin_of(f);
      f.at_place[o] += mobile;
    }
  }
  state.refresh_foreign();
}

void offensive(State& state, conflict::Context& context, std::size_t fi, const Params& params) {
  auto& f = state.forces[fi];
  if (f.strength <= 0.0) return;
  if (f.target != kNoPlace && state.places[f.target].controller == kState) f.target = kNoPlace;
  if (f.target == kNoPlace) {
    const PlaceIndex t = choose_target(state, f);
    if (t == kNoPlace) return;
    const double km = state.road_km[origin_of(f)][t];
    f.target = t;
    f.position = t;
    f.arrival_day = state.day + static_cast<std::int32_t>(std::ceil(km / params.speed_km));
    return;
  }
  if (state.day < f.arrival_day) return;
  const PlaceIndex t = f.target;
  const ActorIndex holder = state.places[t].controller;
  if (state.group(holder).at_place[t] > 0.0) {
    combat::start_battle(state, t, kState, static_cast<int>(fi));
  } else {
    control::capture(state, context, t, kState, 0);
    garrison(state, t, params);
    f.target = kNoPlace;
  }
}

void raids(State& state, conflict::Context& context, const Params& params,
           const combat::Params& combat_params) {
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 0);
  // Raiders by town: offensive forces' troops, and the army (its share), with the force that leads.
  std::vector<double> raiders(state.places.size(), 0.0);
  std::vector<int> leader(state.places.size(), -1);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place)) continue;
    double best = place.army * params.army_raid_share;
    raiders[p] = best;
    for (std::size_t fi = 0; fi < state.forces.size(); ++fi) {
      const auto& f = state.forces[fi];
      if (!f.offensive) continue;
      raiders[p] += f.at_place[p];
      if (f.at_place[p] > best) {
        best = f.at_place[p];
        leader[p] = static_cast<int>(fi);
      }
    }
  }
  std::vector<double> weight(state.places.size(), 0.0);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto a = static_cast<ActorIndex>(gi + 1);
    auto& g = state.group(a);
    if (!g.active || !state.are_hostile(kState, a)) continue;
    // Raids find fighters where they are: each region's raiders against the group's fighters
    // there, the fewer the fighters the harder they are to find.
    for (std::size_t r = 0; r < g.dispersed.size(); ++r) {
      if (g.dispersed[r] <= 0.0) continue;
      double total = 0.0;
      for (std::size_t p = 0; p < state.places.size(); ++p) {
        weight[p] = is_town(state.places[p]) && state.places[p].region == r ? raiders[p] : 0.0;
        total += weight[p];
      }
      if (total <= 0.0) continue;
      const double found = 1.0 - std::exp(-g.dispersed[r] / params.raid_find_people);
      const std::uint32_t n = conflict::poisson(draws, params.raid_rate * total / 1000.0 * found);
      for (std::uint32_t i = 0; i < n && g.dispersed[r] > 0.0; ++i) {
        const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
        const int f = leader[p];
        const auto& army = state.country_of(p);
        const double capability = f < 0 ? army.army_capability * army.army_morale
                                        : state.forces[static_cast<std::size_t>(f)].capability;
        const std::string name =
            f < 0 ? state.actor_name(kState, p) : state.forces[static_cast<std::size_t>(f)].name;
        combat::skirmish(state, context, combat_params, p, a, std::min(20.0, g.dispersed[r]),
                         params.raid_people * capability, name, false, draws);
      }
    }
  }
}

// The trainers of state c's army: each training force's strength times the share of its stations
// in c (all of it when the theatre has one state, whose army every trainer trains).
double trainers_of(const State& state, CountryIndex c) {
  double trainers = 0.0;
  for (const auto& f : state.forces) {
    if (!f.trains) continue;
    if (state.countries.size() == 1) {
      trainers += f.strength;
      continue;
    }
    double share = 0.0;
    for (std::size_t p = 0; p < f.station.size(); ++p) {
      if (state.places[p].in_theatre && state.places[p].host == c) share += f.station[p];
    }
    trainers += f.strength * share;
  }
  return trainers;
}

// Each state's army: morale after its last coup, training, and recruits towards its establishment
// (to its capital's reserve).
void army_upkeep(State& state, const Params& params) {
  for (std::size_t c = 0; c < state.countries.size(); ++c) {
    auto& army = state.countries[c];
    const double since_coup = static_cast<double>(state.day - army.coup_day);
    army.army_morale =
        since_coup < 0.0 ? 1.0 : 1.0 - params.coup_shock * std::exp(-since_coup / params.coup_recovery_days);
    const double trainers = trainers_of(state, static_cast<CountryIndex>(c));
    army.army_capability += params.training_rate * (trainers / 500.0) *
                            std::max(0.0, params.training_ceiling - army.army_capability);
    const double gap = army.army_establishment - army.army_total;
    if (gap > 0.0) {
      const double recruits = gap * params.replenish_rate;
      army.army_total += recruits;
      state.places[army.capital].army += recruits;
    }
  }
}

// Where the plan's share of town p, which its state does not hold, waits: the capital, or the
// nearest town by road of the same state that the state holds and is not under assault (the
// front), the capital if none can be reached.
PlaceIndex waiting_place(const State& state, const std::vector<std::uint8_t>& fighting, std::size_t p,
                         PlaceIndex capital, bool to_front) {
  if (!to_front) return capital;
  PlaceIndex best = capital;
  double best_km = std::numeric_limits<double>::infinity();
  for (std::size_t q = 0; q < state.places.size(); ++q) {
    const auto& place = state.places[q];
    if (!is_town(place) || place.host != state.places[p].host || place.controller != kState ||
        fighting[q] != 0)
      continue;
    if (state.road_km[p][q] < best_km) {
      best_km = state.road_km[p][q];
      best = static_cast<PlaceIndex>(q);
    }
  }
  return best;
}

// The army returns to its plan (the header's "Redeployment"): towns the state holds, not under
// assault, move a share of the way to their planned share of the troops they hold together.
void redeploy(State& state, const Params& params) {
  if (params.redeploy_days <= 0.0) return;
  const double step = 1.0 - std::exp(-1.0 / params.redeploy_days);
  std::vector<std::uint8_t> fighting(state.places.size(), 0);
  for (const auto& b : state.battles) {
    if (b.place != kNoPlace) fighting[b.place] = 1;
  }
  std::vector<double> plan(state.places.size(), 0.0);
  for (std::size_t c = 0; c < state.countries.size(); ++c) {
    const PlaceIndex capital = state.countries[c].capital;
    if (fighting[capital] != 0) continue;
    std::fill(plan.begin(), plan.end(), 0.0);
    double troops = 0.0, shares = 0.0;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto& place = state.places[p];
      if (!is_town(place) || place.host != c || fighting[p] != 0) continue;
      const bool held = place.controller == kState;
      plan[held ? p : waiting_place(state, fighting, p, capital, params.redeploy_to_front)] +=
          place.army_plan;
      shares += place.army_plan;
      if (held) troops += place.army;
    }
    if (shares <= 0.0 || troops <= 0.0) continue;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      auto& place = state.places[p];
      if (!is_town(place) || place.host != c || fighting[p] != 0 || place.controller != kState) continue;
      place.army += step * (troops * plan[p] / shares - place.army);
    }
  }
}

}  // namespace

void employ(State& state, conflict::Context& context, const Params& params,
            const combat::Params& combat_params) {
  army_upkeep(state, params);
  place_forces(state, params);
  if (!params.enabled) return;
  redeploy(state, params);
  for (std::size_t fi = 0; fi < state.forces.size(); ++fi) {
    if (state.forces[fi].offensive) offensive(state, context, fi, params);
  }
  place_forces(state, params);
  raids(state, context, params, combat_params);
}

}  // namespace peacesim::mechanisms::force_employment
