#include "mechanisms/peace_process/peace_process.hpp"

#include <algorithm>
#include <cmath>

namespace peacesim::mechanisms::peace_process {

double foreign_share(const conflict::State& state, std::uint32_t regions) {
  double foreign = 0.0, all = 0.0;
  for (const auto& p : state.places) {
    if (!conflict::is_town(p) || !conflict::in_mask(regions, p.region)) continue;
    foreign += p.foreign;
    all += p.foreign + p.army;
  }
  return all > 0.0 ? foreign / all : 0.0;
}

std::size_t implement(conflict::State& state, conflict::Context& context, State& own, const Params& params) {
  std::fill(own.authority_bonus.begin(), own.authority_bonus.end(), 0.0);
  own.included_communities.assign(own.included_communities.size(), 0.0);
  if (!params.enabled) return 0;
  double foreign_total = 0.0;
  for (const auto& p : state.places) foreign_total += conflict::is_town(p) ? p.foreign : 0.0;
  const double m = std::min(1.0, foreign_total / params.rent_troops);
  std::size_t sent_home = 0;
  for (auto& a : own.agreements) {
    if (a.signed_day < 0 || state.day < a.signed_day) continue;
    const double f = foreign_share(state, a.regions);
    a.implementation +=
        params.rate * (1.0 - params.substitution * f) * (1.0 - params.rent * m) * (1.0 - a.implementation);
    const double i = a.implementation;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto& place = state.places[p];
      if (a.redeployment && conflict::is_town(place) && conflict::in_mask(a.regions, place.region)) {
        own.authority_bonus[p] = std::max(own.authority_bonus[p], params.redeploy_weight * i);
      }
    }
    for (const conflict::ActorIndex g : a.signatories) {
      auto& group = state.group(g);
      if (a.decentralization) {
        for (std::size_t c = 0; c < own.included_communities.size(); ++c) {
          if (conflict::in_mask(group.communities, c)) {
            own.included_communities[c] = std::max(own.included_communities[c], i);
          }
        }
      }
      if ((a.cantonment || a.ddr) && !group.fighters.empty()) {
        // Whole agents, the fraction decided by a keyed draw: the same whatever the threads.
        auto draws = context.random.draws(kStream, static_cast<std::uint32_t>(state.day), g);
        sent_home += context.ops.send_home(
            state, g, params.ddr_rate * i * static_cast<double>(group.fighters.size()), draws);
      }
    }
  }
  return sent_home;
}

}  // namespace peacesim::mechanisms::peace_process
