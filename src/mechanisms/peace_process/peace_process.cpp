#include "mechanisms/peace_process/peace_process.hpp"

#include <algorithm>
#include <cmath>

namespace peacesim::mechanisms::peace_process {

using engine::ParameterKind;

std::vector<engine::ParameterSpec> parameter_specs() {
  return {
      {"peace_enabled", ParameterKind::Boolean, 1, 0, 1, "1",
       "assumption: a switch for ablation (MODEL.md §4)",
       "Run M10's implementation: signed agreements demobilize, include and redeploy over time"},
      {"peace_rate", ParameterKind::Real, 0.02, 0.0, 0.5, "1/month",
       "002 Table (S/RES 2227: cantonment and redeployment years behind schedule); size: assumption",
       "Monthly rate at which an agreement's implementation closes its gap, without obstacles"},
      {"peace_substitution", ParameterKind::Real, 0.5, 0.0, 1.0, "1",
       "002 (conflict resolution: foreign forces substituting for the state); MODEL.md M10, Q7; size: "
       "assumption",
       "How far a fully foreign security presence in the covered regions slows implementation"},
      {"peace_rent", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "002 (international money makes the status quo attractive); MODEL.md M10, Q7; size: assumption",
       "How far international money (proxied by foreign troops) slows implementation at saturation"},
      {"peace_rent_troops", ParameterKind::Real, 15000, 1000, 100000, "people",
       "assumption: the order of MINUSMA and Barkhane together, when the money peaked",
       "Foreign troops at which the rent effect saturates"},
      {"peace_ddr_rate", ParameterKind::Real, 0.05, 0.0, 0.5, "1/month",
       "assumption: full cantonment would send a twentieth of the fighters home a month",
       "Monthly share of signatories' fighters demobilized at full implementation"},
      {"peace_redeploy_weight", ParameterKind::Real, 0.3, 0.0, 1.0, "1",
       "002 Table (S/RES 2227: redeployment of the Malian forces); size: assumption",
       "State-authority baseline added in covered towns at full implementation"},
  };
}

Params params_from(const engine::ParameterSet& p) {
  return {p.boolean("peace_enabled"),     p.real("peace_rate"),        p.real("peace_substitution"),
          p.real("peace_rent"),           p.real("peace_rent_troops"), p.real("peace_ddr_rate"),
          p.real("peace_redeploy_weight")};
}

double foreign_share(const conflict::State& state, std::uint32_t regions) {
  double foreign = 0.0, all = 0.0;
  for (const auto& p : state.places) {
    if (!conflict::is_town(p) || !conflict::in_mask(regions, p.region)) continue;
    foreign += p.foreign;
    all += p.foreign + p.army;
  }
  return all > 0.0 ? foreign / all : 0.0;
}

std::size_t implement(conflict::State& state, conflict::Context& context, std::vector<Agreement>& agreements,
                      const Params& params) {
  std::fill(state.authority_bonus.begin(), state.authority_bonus.end(), 0.0);
  state.included_communities.assign(state.included_communities.size(), 0.0);
  if (!params.enabled) return 0;
  double foreign_total = 0.0;
  for (const auto& p : state.places) foreign_total += conflict::is_town(p) ? p.foreign : 0.0;
  const double m = std::min(1.0, foreign_total / params.rent_troops);
  std::size_t sent_home = 0;
  for (auto& a : agreements) {
    if (a.signed_day < 0 || state.day < a.signed_day) continue;
    const double f = foreign_share(state, a.regions);
    a.implementation +=
        params.rate * (1.0 - params.substitution * f) * (1.0 - params.rent * m) * (1.0 - a.implementation);
    const double i = a.implementation;
    for (std::size_t p = 0; p < state.places.size(); ++p) {
      const auto& place = state.places[p];
      if (a.redeployment && conflict::is_town(place) && conflict::in_mask(a.regions, place.region)) {
        state.authority_bonus[p] = std::max(state.authority_bonus[p], params.redeploy_weight * i);
      }
    }
    for (const conflict::ActorIndex g : a.signatories) {
      auto& group = state.group(g);
      if (a.decentralization) {
        for (std::size_t c = 0; c < state.included_communities.size(); ++c) {
          if (conflict::in_mask(group.communities, c)) {
            state.included_communities[c] = std::max(state.included_communities[c], i);
          }
        }
      }
      if ((a.cantonment || a.ddr) && !group.fighters.empty()) {
        // Whole agents, the fraction decided by a keyed draw: the same whatever the threads.
        auto draws = context.random.draws(conflict::kPeaceStream, static_cast<std::uint32_t>(state.day), g);
        sent_home += context.ops.send_home(
            state, g, params.ddr_rate * i * static_cast<double>(group.fighters.size()), draws);
      }
    }
  }
  return sent_home;
}

}  // namespace peacesim::mechanisms::peace_process
