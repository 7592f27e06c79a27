#include "mechanisms/peace_process/negotiation.hpp"

#include <algorithm>
#include <cmath>

namespace peacesim::mechanisms::peace_process {

double mediation_weight(const Talks& talks, double un_impartiality) {
  if (talks.mediator_un.empty()) return 1.0;
  double sum = 0.0;
  for (const bool un : talks.mediator_un) sum += un ? un_impartiality : 1.0;
  return sum / static_cast<double>(talks.mediator_un.size());
}

bool eligible(const Talks& talks, const conflict::Group& group, conflict::ActorIndex g) {
  switch (talks.eligibility) {
    case Eligibility::All:
      return true;
    case Eligibility::NoJihadists:
      return group.kind != conflict::GroupKind::Jihadist;
    case Eligibility::Undesignated:
      return !group.designated &&
             std::find(talks.excluded.begin(), talks.excluded.end(), g) == talks.excluded.end();
  }
  return false;
}

bool signed_negotiated(const std::vector<Agreement>& agreements, conflict::ActorIndex group,
                       std::int32_t day) {
  for (const auto& a : agreements) {
    if (!a.negotiated) continue;
    for (std::size_t i = 0; i < a.signatories.size(); ++i) {
      if (a.signatories[i] == group && a.joined[i] <= day) return true;
    }
  }
  return false;
}

std::vector<conflict::ActorIndex> negotiate(const conflict::State& state, conflict::Context& context,
                                            std::vector<Agreement>& agreements,
                                            const std::vector<Talks>& talks, const NegotiationParams& params,
                                            double un_impartiality) {
  std::vector<conflict::ActorIndex> signed_now;
  for (std::size_t t = 0; t < talks.size(); ++t) {
    const Talks& k = talks[t];
    if (state.day < k.from_day) continue;
    Agreement& a = agreements[k.agreement];
    const double m = mediation_weight(k, un_impartiality);
    for (std::size_t i = 0; i < state.groups.size(); ++i) {
      const auto g = static_cast<conflict::ActorIndex>(i + 1);
      const auto& group = state.groups[i];
      if (!group.active || !eligible(k, group, g) || !state.are_hostile(conflict::kState, g)) continue;
      if (std::find(a.signatories.begin(), a.signatories.end(), g) != a.signatories.end()) continue;
      bool holds_town = false;
      for (const auto& p : state.places) holds_town = holds_town || p.controller == g;
      const double pi = holds_town ? 1.0 : params.pressure;
      const double rho = group.kind == conflict::GroupKind::Jihadist ? params.jihadist_reluctance : 1.0;
      const double p = 1.0 - std::exp(-params.rate * m * pi * rho);
      // One keyed draw per (month, talks, group): the same whatever the threads.
      auto draws = context.random.draws(kNegotiationStream, static_cast<std::uint32_t>(state.day),
                                        static_cast<std::uint32_t>(t * 256 + i));
      if (draws.uniform() >= p) continue;
      a.signatories.push_back(g);
      a.joined.push_back(state.day);
      a.regions |= group.regions;
      if (a.signed_day < 0) a.signed_day = state.day;
      signed_now.push_back(g);
    }
  }
  return signed_now;
}

}  // namespace peacesim::mechanisms::peace_process
