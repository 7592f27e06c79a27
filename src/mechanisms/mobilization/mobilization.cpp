#include "mechanisms/mobilization/mobilization.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "mechanisms/grievance/grievance.hpp"

namespace peacesim::mechanisms::mobilization {

using conflict::ActorIndex;
using conflict::in_mask;
using conflict::State;
using conflict::Status;

std::vector<double> arrest_risk(const State& state, const Params& params) {
  std::vector<double> troops(state.regions.size(), 0.0);
  std::vector<double> fighters(state.regions.size(), 0.0);
  for (std::size_t p = 0; p < state.places.size(); ++p) {
    const auto& place = state.places[p];
    if (!place.in_mali) continue;
    troops[place.region] += place.army + place.foreign;
    for (const auto& g : state.groups) fighters[place.region] += g.at_place[p];
  }
  for (const auto& g : state.groups) {
    const auto n = static_cast<double>(std::popcount(g.regions));
    if (n == 0) continue;
    for (std::size_t r = 0; r < state.regions.size(); ++r) {
      if (in_mask(g.regions, r)) fighters[r] += g.dispersed / n;
    }
  }
  std::vector<double> risk(state.regions.size(), 0.0);
  for (std::size_t r = 0; r < risk.size(); ++r) {
    risk[r] = 1.0 - std::exp(-params.arrest_k * (troops[r] / 1000.0) / (fighters[r] / 1000.0 + 1.0));
  }
  return risk;
}

void recruit(State& state, conflict::Context& context, const Params& params) {
  const double k = state.people.people_per_agent;
  // Desertion first: whole agents, the fraction carried by the rounding of the expected count.
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    auto& g = state.groups[gi];
    if (g.fighters.empty()) continue;
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), gi);
    context.ops.send_home(state, static_cast<ActorIndex>(gi + 1),
                          params.desert_rate * static_cast<double>(g.fighters.size()), draws);
  }
  if (!params.enabled) return;

  const std::vector<double> risk = arrest_risk(state, params);
  std::vector<double> pull(state.groups.size(), 0.0);
  std::vector<double> towns(state.actor_count(), 0.0);
  for (const auto& place : state.places) {
    if (place.in_mali && place.kind == conflict::PlaceKind::Town) towns[place.controller] += 1;
  }
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    pull[gi] = params.pull_base + params.pull_towns * std::min(1.0, towns[gi + 1] / 5.0);
  }
  // Pass 1 (parallel): each resident's best group, or none.
  auto& people = state.people;
  std::vector<ActorIndex> choice(people.size(), conflict::kNoActor);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, people.size(), 1 << 14), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      if (people.status[i] != Status::Resident) continue;
      const auto region = state.cells[people.cell[i]].region;
      const double g_i = grievance::grievance(people, i);
      const double r_i = conflict::unit(people.risk_aversion[i]) * risk[region];
      double best = params.threshold;
      for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
        const auto& g = state.groups[gi];
        if (!g.active || !in_mask(g.regions, region)) continue;
        const double affinity = in_mask(g.communities, people.community[i]) ? 1.0 : params.other_affinity;
        const double score = g_i * affinity + pull[gi] - r_i;
        if (score > best) {
          best = score;
          choice[i] = static_cast<ActorIndex>(gi + 1);
        }
      }
    }
  });
  std::vector<double> eligible(state.groups.size(), 0.0);
  for (const ActorIndex c : choice) {
    if (c != conflict::kNoActor) eligible[c - 1] += k;
  }
  std::vector<double> accept(state.groups.size(), 0.0);
  for (std::size_t gi = 0; gi < state.groups.size(); ++gi) {
    const double capacity = params.absorb_base + params.absorb_share * state.groups[gi].fighters_people();
    accept[gi] = eligible[gi] > 0 ? std::min(params.join_rate, capacity / eligible[gi]) : 0.0;
  }
  // Pass 2 (in person order, draws keyed by person: the same whatever the threads).
  for (std::size_t i = 0; i < people.size(); ++i) {
    const ActorIndex c = choice[i];
    if (c == conflict::kNoActor) continue;
    auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), 1000 + i);
    if (draws.uniform() < accept[c - 1]) context.ops.enlist(state, static_cast<std::uint32_t>(i), c);
  }
}

double influx(State& state, conflict::Context& context, ActorIndex g, double people, std::uint32_t key) {
  auto& group = state.group(g);
  const double k = state.people.people_per_agent;
  const auto wanted = static_cast<std::size_t>(std::llround(people / k));
  if (wanted == 0) return 0.0;
  // Candidates: residents of the group's communities in its regions.
  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < state.people.size(); ++i) {
    if (state.people.status[i] != Status::Resident) continue;
    if (group.communities != 0 && !in_mask(group.communities, state.people.community[i])) continue;
    if (!in_mask(group.regions, state.cells[state.people.cell[i]].region)) continue;
    candidates.push_back(static_cast<std::uint32_t>(i));
  }
  auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), key);
  std::size_t taken = 0;
  // A partial Fisher-Yates shuffle picks `wanted` distinct candidates.
  for (; taken < wanted && taken < candidates.size(); ++taken) {
    const auto j = taken + draws.below(static_cast<std::uint32_t>(candidates.size() - taken));
    std::swap(candidates[taken], candidates[j]);
    context.ops.enlist(state, candidates[taken], g);
  }
  return static_cast<double>(taken) * k;
}

}  // namespace peacesim::mechanisms::mobilization
