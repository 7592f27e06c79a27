#include "mechanisms/reprisals/reprisals.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "mechanisms/conflict/draws.hpp"

namespace peacesim::mechanisms::reprisals {

using conflict::ActorIndex;
using conflict::in_mask;
using conflict::is_town;
using conflict::kState;
using conflict::PlaceIndex;
using conflict::State;
using conflict::Status;

void Threats::reset(std::size_t c, std::size_t r) {
  communities = c;
  regions = r;
  threat.assign(c * (c + 1) * r, 0.0);
}

namespace {

void absorb(State& state, Threats& t) {
  const double k = state.people.people_per_agent;
  for (const auto& kill : state.killings) {
    if (kill.community >= t.communities || kill.region >= t.regions || kill.by == conflict::kNoActor)
      continue;
    const double dead = k * static_cast<double>(kill.agents);
    if (kill.by == kState) {
      t.threat[t.index(kill.community, t.communities, kill.region)] += dead;
      continue;
    }
    // A group stands for the communities it recruits from (shared between them).
    const std::uint32_t from = state.group(kill.by).communities;
    const auto n = static_cast<double>(std::popcount(from));
    if (n == 0) continue;
    for (std::size_t d = 0; d < t.communities; ++d) {
      if (in_mask(from, d) && d != kill.community)
        t.threat[t.index(kill.community, d, kill.region)] += dead / n;
    }
  }
  state.killings.clear();
}

// The active group that acts for community c in region r, picked in proportion to its fighters
// there (none if no such group has fighters there).
ActorIndex avenger(const State& state, std::size_t c, std::size_t r, engine::RandomDraws& draws) {
  std::vector<double> w(state.groups.size(), 0.0);
  double total = 0.0;
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const auto& g = state.groups[gi];
    if (!g.active || !in_mask(g.communities, c) || !in_mask(g.regions, r) || r >= g.dispersed.size())
      continue;
    w[gi] = g.dispersed[r];
    total += w[gi];
  }
  if (total <= 0.0) return conflict::kNoActor;
  return static_cast<ActorIndex>(conflict::weighted_pick(draws, w, total) + 1);
}

// The residents of each community around each town, counted when first needed in a day's
// reprisals, then kept up to date with the killings each attack there logs (an attack kills only
// residents of its own place, one Killing record an agent): the weights are the same as a count
// made afresh for every attack, at a fraction of the cost when a cycle runs hot (many attacks a day).
class ResidentsByTown {
 public:
  ResidentsByTown(std::size_t places, std::size_t communities)
      : communities_(communities), count_(places * communities, -1.0) {}

  double of(const State& state, const conflict::PeopleOps& ops, PlaceIndex p, std::size_t d) {
    double* row = &count_[static_cast<std::size_t>(p) * communities_];
    if (row[d] < 0.0) {
      std::fill(row, row + communities_, 0.0);
      const auto [begin, end] = ops.residents_range(state, p);
      for (std::uint32_t at = begin; at < end; ++at) {
        const std::uint32_t i = state.by_cell[at];
        if (state.people.status[i] == Status::Resident && state.people.community[i] < communities_)
          row[state.people.community[i]] += 1.0;
      }
    }
    return row[d];
  }
  // The residents killed at p by an attack: its records in `killings` from `first` on.
  void killed(PlaceIndex p, const std::vector<conflict::Killing>& killings, std::size_t first) {
    double* row = &count_[static_cast<std::size_t>(p) * communities_];
    if (row[0] < 0.0) return;  // not counted yet: counted when needed
    for (std::size_t k = first; k < killings.size(); ++k) {
      if (killings[k].community < communities_)
        row[killings[k].community] -= static_cast<double>(killings[k].agents);
    }
  }

 private:
  std::size_t communities_;
  std::vector<double> count_;  // [place][community]; -1: not counted yet today
};

// A town of region r, picked in proportion to the residents of community d around it.
PlaceIndex where_they_live(const State& state, const conflict::PeopleOps& ops, std::size_t d, std::size_t r,
                           engine::RandomDraws& draws, ResidentsByTown& residents) {
  std::vector<double> w(state.places.size(), 0.0);
  double total = 0.0;
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    if (!is_town(state.places[p]) || state.places[p].region != r) continue;
    w[p] = residents.of(state, ops, static_cast<PlaceIndex>(p), d);
    total += w[p];
  }
  if (total <= 0.0) return conflict::kNoPlace;
  return static_cast<PlaceIndex>(conflict::weighted_pick(draws, w, total));
}

void retaliate(State& state, conflict::Context& context, const Params& params,
               const civilians::Params& civilians, Threats& t) {
  const double rate = params.branching / (params.fatalities * params.memory_days);
  ResidentsByTown residents(state.places.size(), t.communities);
  for (std::size_t c = 0; c < t.communities; ++c) {
    for (std::size_t d = 0; d < t.communities; ++d) {
      if (c == d) continue;
      for (std::size_t r = 0; r < t.regions; ++r) {
        const double threat = t.threat[t.index(c, d, r)];
        if (threat <= 0.0) continue;
        auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), t.index(c, d, r));
        const std::uint32_t n = conflict::poisson(draws, rate * threat);
        if (n == 0) continue;
        const ActorIndex by = avenger(state, c, r, draws);
        if (by == conflict::kNoActor) continue;
        for (std::uint32_t i = 0; i < n; ++i) {
          const PlaceIndex p = where_they_live(state, context.ops, d, r, draws, residents);
          if (p == conflict::kNoPlace) break;
          const std::size_t logged = state.killings.size();
          civilians::attack(state, context, civilians, nullptr, p, by, {by, 1u << d, 1.0}, params.fatalities,
                            draws);
          residents.killed(p, state.killings, logged);
        }
      }
    }
  }
}

}  // namespace

void day(State& state, conflict::Context& context, const Params& params, const civilians::Params& civilians,
         Threats& t) {
  if (!params.enabled) {
    state.killings.clear();
    return;
  }
  absorb(state, t);
  const double keep = std::exp(-1.0 / params.memory_days);
  for (double& x : t.threat) x = x * keep < 1e-6 ? 0.0 : x * keep;
  retaliate(state, context, params, civilians, t);
  // Today's reprisals count from tomorrow, as every other killing.
  for (std::size_t c = 0; c < t.communities && c < state.community_threat.size(); ++c) {
    for (std::size_t r = 0; r < t.regions; ++r) {
      double felt = 0.0;
      for (std::size_t d = 0; d <= t.communities; ++d) felt += t.threat[t.index(c, d, r)];
      state.community_threat[c][r] = 1.0 - std::exp(-felt / params.threat_scale);
    }
  }
}

}  // namespace peacesim::mechanisms::reprisals
