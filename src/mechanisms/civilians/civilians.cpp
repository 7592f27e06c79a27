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

std::uint32_t suspects(const State& state, std::size_t region, ActorIndex by) {
  std::uint32_t mask = 0;
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto& g = state.groups[gi];
    const auto a = static_cast<ActorIndex>(gi + 1);
    if (a == by || !g.active || !in_mask(g.regions, region) || !state.are_hostile(by, a)) continue;
    mask |= g.communities;
  }
  if (by != kState) mask &= ~state.group(by).communities;  // never its own people
  return mask;
}

double attack(State& state, conflict::Context& context, const Params& params, Memory* memory, PlaceIndex p,
              ActorIndex by, const conflict::Victims& victims, double mean_dead, engine::RandomDraws& draws) {
  const double dead = conflict::negative_binomial(draws, mean_dead, params.dispersion);
  const std::size_t logged = state.killings.size();
  context.ops.kill_residents(state, p, dead, draws, victims);
  events::Happening h;
  h.type = events::EventType::ViolenceAgainstCivilians;
  h.sub_type = "Attack";
  h.actor1 = state.actor_name(by, p);
  h.actor2 = state.civilians_name(p);
  h.type1 = by == kState ? events::ActorType::State : events::actor_type(state.group(by));
  h.type2 = events::ActorType::Civilians;
  h.place = p;
  h.fatalities = static_cast<int>(dead);
  h.civilian_fatalities = h.fatalities;
  context.log.emit(context.recorder, state, h);
  state.places[p].danger += dead;
  // Remembered by the victims' community (M1): each agent killed stands for the people it
  // represents, so that over many attacks the memory holds the dead at any scale (an attack's
  // deaths become agents only as they add up to whole ones, see PeopleOps::kill_residents).
  if (memory == nullptr) return dead;
  auto& remembered = by == kState ? memory->abuses_by_state : memory->abuses_by_groups;
  for (std::size_t i = logged; i < state.killings.size(); ++i) {
    const auto& k = state.killings[i];
    if (k.community < remembered.size() && k.region < remembered[k.community].size())
      remembered[k.community][k.region] += static_cast<double>(k.agents) * state.people.people_per_agent;
  }
  return dead;
}

namespace {

void attack(State& state, conflict::Context& context, const Params& params, Memory& memory, PlaceIndex p,
            ActorIndex by, engine::RandomDraws& draws) {
  const double strength = by == kState ? params.suspect_weight : params.target_weight;
  attack(state, context, params, &memory, p, by, {by, suspects(state, state.places[p].region, by), strength},
         params.fatalities, draws);
}

}  // namespace

void act(State& state, conflict::Context& context, const Params& params, Memory& memory) {
  const double keep = std::exp(-1.0 / params.memory_days);
  for (auto& by_region : memory.abuses_by_state)
    for (double& m : by_region) m *= keep;
  for (auto& by_region : memory.abuses_by_groups)
    for (double& m : by_region) m *= keep;
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
    // Each region's fighters strike the towns of their own region, where the state is most present.
    std::vector<double> weight(state.places.size(), 0.0);
    for (std::size_t r = 0; r < g.dispersed.size(); ++r) {
      if (g.dispersed[r] <= 0.0) continue;
      const std::uint32_t n = conflict::poisson(draws, params.guerrilla_rate * g.dispersed[r] / 100.0);
      if (n == 0) continue;
      double total = 0.0;
      for (std::size_t p = 0; p < state.places.size(); ++p) {
        const auto& place = state.places[p];
        weight[p] = is_town(place) && place.region == r ? place.weight * (0.1 + place.state_authority) : 0.0;
        total += weight[p];
      }
      if (total <= 0.0) continue;
      for (std::uint32_t i = 0; i < n; ++i) {
        const auto p = static_cast<PlaceIndex>(conflict::weighted_pick(draws, weight, total));
        if (draws.uniform() < protection(state, p, params))
          attack(state, context, params, memory, p, a, draws);
      }
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
