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

double protection(const State& state, PlaceIndex p, const Params& params) {
  return 1.0 - params.protect_effect * std::min(1.0, state.places[p].peacekeepers / params.protect_people);
}

namespace {

void attack(State& state, conflict::Context& context, const Params& params, Memory& memory, PlaceIndex p,
            ActorIndex by, engine::RandomDraws& draws) {
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
  auto& by_region = by == kState ? memory.abuses_by_state : memory.abuses_by_groups;
  by_region[state.places[p].region] += dead;
}

}  // namespace

void act(State& state, conflict::Context& context, const Params& params, Memory& memory) {
  const double keep = std::exp(-1.0 / params.memory_days);
  for (double& m : memory.abuses_by_state) m *= keep;
  for (double& m : memory.abuses_by_groups) m *= keep;
  if (!params.enabled) return;
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 0);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto a = static_cast<ActorIndex>(gi + 1);
    const auto& g = state.group(a);
    if (!g.active || !state.are_hostile(a, kState)) continue;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto pi = static_cast<PlaceIndex>(p);
      if (state.places[p].controller != a || g.at_place[p] <= 0.0) continue;
      const std::uint32_t n = conflict::poisson(draws, params.hold_rate * protection(state, pi, params));
      for (std::uint32_t i = 0; i < n; ++i) attack(state, context, params, memory, pi, a, draws);
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
      if (draws.uniform() < protection(state, p, params)) attack(state, context, params, memory, p, a, draws);
    }
  }
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!is_town(place) || place.army <= 0.0 || place.danger <= 0.0) continue;
    const auto pi = static_cast<PlaceIndex>(p);
    const double mean = params.abuse_rate * place.army / 1000.0 * std::min(1.0, place.danger / 10.0) *
                        protection(state, pi, params);
    const std::uint32_t n = conflict::poisson(draws, mean);
    for (std::uint32_t i = 0; i < n; ++i) attack(state, context, params, memory, pi, kState, draws);
  }
}

}  // namespace peacesim::mechanisms::civilians
