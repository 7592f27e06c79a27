#include "mechanisms/civilians/civilians.hpp"

#include <algorithm>
#include <cmath>

#include "mechanisms/conflict/draws.hpp"

namespace peacesim::mechanisms::civilians {

using conflict::ActorIndex;
using conflict::in_mask;
using conflict::is_town;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;
using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"civilians_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M6: violence against civilians; off, civilians die only in crossfire"},
      {"civilians_hold_rate", ParameterKind::Real, 0.02, 0.0, 1.0, "1/(town·day)",
       "003; 004 §3.2 (abuses under the Islamists' rule of the north in 2012); rate: assumption",
       "Attacks on civilians per day in a town an armed group holds"},
      {"civilians_guerrilla_rate", ParameterKind::Real, 0.005, 0.0, 0.2, "1/(100 fighters·day)",
       "assumption: calibrated on ACLED 2013-2016 violence against civilians (docs/model/civilians.md)",
       "Attacks on civilians per 100 dispersed fighters per day"},
      {"civilians_abuse_rate", ParameterKind::Real, 0.01, 0.0, 1.0, "1/(1000 soldiers·day)",
       "004 §3.2 (an army 'reliant on tribal militias'); rate: assumption",
       "Abuses per 1,000 soldiers per day where violence is recent"},
      {"civilians_fatalities", ParameterKind::Real, 2.0, 0.0, 20.0, "people",
       "assumption: ACLED 2012-2016 violence against civilians in Mali averages about 2 deaths an event "
       "(data/observed/acled_mali_1997-2016_events.csv)",
       "Mean deaths of an attack on civilians"},
      {"civilians_protect_effect", ParameterKind::Real, 0.5, 0.0, 1.0, "1",
       "002 (MINUSMA spends most of its effort protecting itself); size: assumption",
       "Share of attacks on civilians prevented where peacekeepers are in full strength"},
      {"civilians_protect_people", ParameterKind::Real, 1000, 100, 10000, "people",
       "assumption: a battalion protects a town", "Peacekeepers for full protection of a town"},
      {"civilians_memory_days", ParameterKind::Real, 180, 10, 3650, "days",
       "assumption: abuses are remembered for months", "Time constant of the abuse memory (M1)"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  return {p.boolean("civilians_enabled"),     p.real("civilians_hold_rate"),
          p.real("civilians_guerrilla_rate"), p.real("civilians_abuse_rate"),
          p.real("civilians_fatalities"),     p.real("civilians_protect_effect"),
          p.real("civilians_protect_people"), p.real("civilians_memory_days")};
}

double protection(const State& state, PlaceIndex p, const Params& params) {
  return 1.0 - params.protect_effect * std::min(1.0, state.places[p].peacekeepers / params.protect_people);
}

namespace {

void attack(State& state, conflict::Context& context, const Params& params, PlaceIndex p, ActorIndex by,
            engine::RandomDraws& draws) {
  const double dead = conflict::poisson(draws, params.fatalities);
  context.ops.kill_residents(state, p, dead, draws);
  events::Happening h;
  h.type = events::EventType::ViolenceAgainstCivilians;
  h.sub_type = "Attack";
  h.actor1 = state.actor_name(by);
  h.actor2 = "Civilians (Mali)";
  h.type1 = by == kState ? events::ActorType::State : events::actor_type(state.group(by));
  h.type2 = events::ActorType::Civilians;
  h.place = p;
  h.fatalities = static_cast<int>(dead);
  h.civilian_fatalities = h.fatalities;
  context.log.emit(context.recorder, state, h);
  state.places[p].danger += dead;
  auto& memory = by == kState ? state.abuses_by_state : state.abuses_by_groups;
  memory[state.places[p].region] += dead;
}

}  // namespace

void act(State& state, conflict::Context& context, const Params& params) {
  const double keep = std::exp(-1.0 / params.memory_days);
  for (double& m : state.abuses_by_state) m *= keep;
  for (double& m : state.abuses_by_groups) m *= keep;
  if (!params.enabled) return;
  auto draws = context.random.draws(conflict::kCiviliansStream, static_cast<std::uint32_t>(state.day), 0);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto a = static_cast<ActorIndex>(gi + 1);
    const auto& g = state.group(a);
    if (!g.active || !state.are_hostile(a, kState)) continue;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto pi = static_cast<PlaceIndex>(p);
      if (state.places[p].controller != a || g.at_place[p] <= 0.0) continue;
      const std::uint32_t n = conflict::poisson(draws, params.hold_rate * protection(state, pi, params));
      for (std::uint32_t i = 0; i < n; ++i) attack(state, context, params, pi, a, draws);
    }
    const std::uint32_t n = conflict::poisson(draws, params.guerrilla_rate * g.dispersed / 100.0);
    if (n == 0) continue;
    std::vector<double> weight(state.places.size(), 0.0);
    double total = 0.0;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto& place = state.places[p];
      if (!is_town(place) || !in_mask(g.regions, place.region)) continue;
      weight[p] = place.weight * (0.1 + place.state_authority);
      total += weight[p];
    }
    if (total <= 0.0) continue;
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
      if (draws.uniform() < protection(state, p, params)) attack(state, context, params, p, a, draws);
    }
  }
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place) || place.army <= 0.0 || place.danger <= 0.0) continue;
    const auto pi = static_cast<PlaceIndex>(p);
    const double mean = params.abuse_rate * place.army / 1000.0 * std::min(1.0, place.danger / 10.0) *
                        protection(state, pi, params);
    const std::uint32_t n = conflict::poisson(draws, mean);
    for (std::uint32_t i = 0; i < n; ++i) attack(state, context, params, pi, kState, draws);
  }
}

}  // namespace peacesim::mechanisms::civilians
